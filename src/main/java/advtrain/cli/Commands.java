package advtrain.cli;

import java.util.List;

/** The registry of sub-commands, in the order {@code advtrain --help} lists them. */
final class Commands {

    private Commands() {
    }

    static List<Command> all() {
        return List.of(
                new DemoCommand(),
                new DataCommand(),
                new TrainCommand(),
                new CompareModelsCommand(),
                new AttackCommand(),
                new EvalCommand(),
                new CertifyCommand(),
                new NtkCommand(),
                new ExperimentCommand(),
                new MergeCommand(),
                new BenchCommand());
    }
}
