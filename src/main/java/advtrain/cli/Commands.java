package advtrain.cli;

import java.util.List;

/** The registry of sub-commands, in the order {@code advtrain --help} lists them. */
final class Commands {

    private Commands() {
    }

    static List<Command> all() {
        return List.of(
                new DemoCommand(),
                new BenchCommand(),
                new DataCommand(),
                new ExperimentCommand(),
                new MergeCommand(),
                new AttackCommand(),
                new EvalCommand(),
                new CertifyCommand(),
                new NtkCommand());
    }
}
