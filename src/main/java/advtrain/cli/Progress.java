package advtrain.cli;

import advtrain.train.EvalRow;
import advtrain.train.StepStats;
import advtrain.train.TrainingRun;
import java.util.Locale;

/**
 * Training progress on standard error: on a terminal one line redrawn at most five times a second (step,
 * loss, attacked accuracy, samples/s, time left); otherwise a log line about every 10% of the run or every
 * 30 s, whichever comes first, and at each evaluation.
 */
final class Progress implements TrainingRun.Listener {

    private final Console console;
    private final long startNanos = System.nanoTime();
    private long lastPrint;
    private long samples;
    private long firstStep = -1;
    private boolean drew;

    Progress(Console console) {
        this.console = console;
    }

    @Override
    public void onStep(StepStats s, long totalSteps, EvalRow eval, double trainSeconds) {
        if (firstStep < 0) {
            firstStep = s.step - 1;
        }
        samples += s.batch;
        long now = System.nanoTime();
        double wall = (now - startNanos) / 1e9;
        double rate = samples / Math.max(wall, 1e-9);
        double stepsPerSec = (s.step - firstStep) / Math.max(wall, 1e-9);
        double left = (totalSteps - s.step) / Math.max(stepsPerSec, 1e-9);
        String line = String.format(Locale.ROOT, "step %d/%d  epoch %d  L_A %.4f  acc clean %.3f attacked %.3f  %.0f samples/s  %s left",
                s.step, totalSteps, s.epoch, s.surrogateLoss, s.cleanAccuracy, s.attackedAccuracy, rate, clock(left));
        boolean last = s.step == totalSteps;
        if (console.terminal()) {
            if (last || eval != null || now - lastPrint > 200_000_000L) {
                console.err().print("\r\033[2K" + line);
                drew = true;
                lastPrint = now;
            }
            if (eval != null) {
                console.err().print("\r\033[2K" + evalLine(eval) + "\n");
                drew = false;
            }
            if (last && drew) {
                console.err().println();
            }
        } else {
            long every = Math.max(1, totalSteps / 10);
            if (last || s.step % every == 0 || now - lastPrint > 30_000_000_000L) {
                console.err().println(line);
                lastPrint = now;
            }
            if (eval != null) {
                console.err().println(evalLine(eval));
            }
        }
    }

    private static String evalLine(EvalRow e) {
        return String.format(Locale.ROOT, "eval at step %d: L_A(full train) %.4f  robust LOWER bound train %s test %s  strong-attack acc train %s test %s",
                e.step(), e.trainSurrogateFull(), TrainCommand.f(e.trainRobustLower()), TrainCommand.f(e.testRobustLower()),
                TrainCommand.f(e.trainRobustAccuracy()), TrainCommand.f(e.testRobustAccuracy()));
    }

    private static String clock(double seconds) {
        long s = Math.round(Math.min(seconds, 359999));
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
