package advtrain.bench;

import advtrain.kernel.Parallel;
import advtrain.train.TrainStepSetup;
import advtrain.train.Trainer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One adversarial training step end to end ({@link TrainStepSetup}: PGD l-inf attack of the batch, the
 * gradient at the attacked points, the update): the two configurations of the performance targets,
 * (d=784, m=1024, H=2, B=128, k=10, PGD-10) and (d=100, m=256, H=3, B=64, binary, PGD-20). Score: steps per
 * second; samples/s = score x B. The trainer and its buffers are built in {@code @Setup}; a step allocates
 * nothing. Run: {@code java --add-modules=jdk.incubator.vector -jar bench/target/benchmarks.jar TrainStep}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class TrainStepBench {

    /** {@code d x m x H x B x k x pgdSteps} (x, not commas: JMH splits -p values on commas). */
    @Param({"784x1024x2x128x10x10", "100x256x3x64x2x20"})
    public String config;

    /** Threads of the engine's pool. */
    @Param({"2"})
    public int threads;

    Parallel par;
    Trainer trainer;

    @Setup(Level.Trial)
    public void setUp() {
        String[] c = config.split("x");
        par = Parallel.create(threads);
        trainer = TrainStepSetup.trainer(Integer.parseInt(c[0]), Integer.parseInt(c[1]), Integer.parseInt(c[2]),
                Integer.parseInt(c[3]), Integer.parseInt(c[5]), Integer.parseInt(c[4]), par);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        par.close();
    }

    @Benchmark
    public double step() {
        return trainer.step().surrogateLoss;
    }
}
