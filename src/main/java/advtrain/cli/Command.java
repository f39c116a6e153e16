package advtrain.cli;

/** One {@code advtrain} sub-command. Implementations live in this package, one class each. */
public interface Command {

    /** The word on the command line, e.g. {@code train}. */
    String name();

    /** One line for the command list of {@code advtrain --help}. */
    String summary();

    /** The flags this command accepts (its {@code --help}). */
    Options options();

    /**
     * Runs the command. Bad arguments throw {@link IllegalArgumentException} (exit 2 with the message);
     * other failures throw (exit 1 with the message). Returns the exit code otherwise.
     */
    int run(Options.Parsed args, Console console) throws Exception;
}
