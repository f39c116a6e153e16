package advtrain.threat;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.model.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A robustness report (paper Definitions 3.3 and 3.4): the clean loss and accuracy; for every perturbation set
 * (norm, eps, box or sphere) the surrogate loss L_A and accuracy of each attack, and the per-sample worst case
 * over every point tried (each attack's, the clean input's and, with checks, the random baseline's) as a
 * <b>lower bound</b> on the robust loss L_* (an attack only finds points, it cannot prove there are no worse
 * ones); its accuracy counts a sample only when every one of those points is classified correctly. A certified <b>upper bound</b> has its own slot ({@link Bound}, added by a
 * certifier through {@link Report#withUpperBound}); until then the report says none was computed.
 *
 * <p>Sanity checks flagging gradient masking (Carlini et al. 2019; AutoAttack), each reported as ok or WARN:
 * <ul>
 * <li>the network's outputs are deterministic (two forwards of the same batch agree bit for bit) and its input
 *     gradients at the clean points are not exactly zero (AutoAttack's checks for randomised and for
 *     saturated or shattered gradients);
 * <li>accuracy under attack never exceeds clean accuracy;
 * <li>accuracy does not rise as eps grows (per attack and for the worst case, within each norm/box family);
 * <li>a large eps (the whole box, the whole sphere, or 10x the data's scale) drives accuracy to at most
 *     {@link #LARGE_EPS_MAX_ACCURACY} under the first gradient attack;
 * <li>a random baseline ({@link #RANDOM_BASELINE_DRAWS} random points of the set per sample) neither breaks a
 *     sample no gradient attack breaks nor reaches a higher mean loss than the gradient attacks' worst case;
 * <li>iterative attacks (pgd, apgd) are at least as strong as single-step ones (fgsm, fgm) when both run: a
 *     warning when an iterative attack has both a higher accuracy and a lower L_A (attacks maximise the loss,
 *     so a single sample of accuracy alone is noise, not masking).
 * </ul>
 * Reusable by the trainer's report and the experiments; the {@code eval} command only prints it.
 */
public final class RobustEvaluation {

    /** Random points per sample of the black-box baseline. */
    public static final int RANDOM_BASELINE_DRAWS = 10;
    /** "Near zero": the largest accuracy the large-eps check accepts. */
    public static final double LARGE_EPS_MAX_ACCURACY = 0.1;

    private RobustEvaluation() {
    }

    /** A certified upper bound on L_* and lower bound on robust accuracy for one set (from a certifier). */
    public record Bound(String method, double robustLossUpper, double certifiedAccuracy) {
    }

    /** One perturbation set: its attacks, the random baseline (null without checks), the worst case, an optional upper bound. */
    public record SetResult(String set, Norm norm, double eps, List<AttackRun.Result> attacks, AttackRun.Result randomBaseline,
                            double worstLoss, double worstAccuracy, Bound upper) {
    }

    /** A sanity check's outcome. */
    public record Check(String name, boolean passed, String detail) {
    }

    /** The whole report. */
    public record Report(String data, int n, String loss, long seed, double cleanLoss, double cleanAccuracy,
                         List<SetResult> sets, List<Check> checks) {

        /** This report with a certified upper bound attached to set {@code index}. */
        public Report withUpperBound(int index, Bound bound) {
            List<SetResult> s = new ArrayList<>(sets);
            SetResult r = s.get(index);
            s.set(index, new SetResult(r.set(), r.norm(), r.eps(), r.attacks(), r.randomBaseline(), r.worstLoss(),
                    r.worstAccuracy(), bound));
            return new Report(data, n, loss, seed, cleanLoss, cleanAccuracy, List.copyOf(s), checks);
        }

        /** Number of failed checks. */
        public long warnings() {
            return checks.stream().filter(c -> !c.passed()).count();
        }

        /** The printable report. */
        public String toText() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "robust evaluation of %s (n=%d), loss %s, seed %d%n", data, n, loss, seed));
            sb.append(String.format(Locale.ROOT, "clean: loss %.6f, accuracy %s%n", cleanLoss, pct(cleanAccuracy)));
            String lower = "worst case per sample: LOWER bound on robust loss L_*";
            int width = lower.length();
            for (SetResult r : sets) {
                for (AttackRun.Result a : r.attacks()) {
                    width = Math.max(width, a.spec().toString().length());
                }
                if (r.randomBaseline() != null) {
                    width = Math.max(width, ("(check) " + r.randomBaseline().spec()).length());
                }
            }
            String rowFormat = "  %-" + width + "s %12s %10s%n";
            for (SetResult r : sets) {
                sb.append(String.format(Locale.ROOT, "%nset: %s%n", r.set()));
                sb.append(String.format(Locale.ROOT, rowFormat, "attack", "L_A", "accuracy"));
                for (AttackRun.Result a : r.attacks()) {
                    sb.append(row(rowFormat, a.spec().toString(), a.surrogateLoss(), a.accuracy()));
                }
                if (r.randomBaseline() != null) {
                    sb.append(row(rowFormat, "(check) " + r.randomBaseline().spec(), r.randomBaseline().surrogateLoss(),
                            r.randomBaseline().accuracy()));
                }
                sb.append(row(rowFormat, lower, r.worstLoss(), r.worstAccuracy()));
                if (r.upper() != null) {
                    sb.append(row(rowFormat, "certified (" + r.upper().method() + "): UPPER bound on L_*", r.upper().robustLossUpper(),
                            r.upper().certifiedAccuracy()));
                } else {
                    sb.append(String.format(Locale.ROOT, rowFormat, "UPPER bound on L_* (certified)", "not computed", ""));
                }
            }
            if (!checks.isEmpty()) {
                sb.append(String.format(Locale.ROOT, "%nchecks (gradient masking):%n"));
                for (Check c : checks) {
                    sb.append(String.format(Locale.ROOT, "  %-5s %s: %s%n", c.passed() ? "ok" : "WARN", c.name(), c.detail()));
                }
            }
            return sb.toString();
        }

        private static String row(String format, String label, double loss, double acc) {
            return String.format(Locale.ROOT, format, label, String.format(Locale.ROOT, "%.6f", loss), pct(acc));
        }
    }

    static String pct(double a) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * a);
    }

    /**
     * Evaluates {@code attacks} on {@code data}. With {@code epsList} non-empty every attack runs at each eps in
     * it (an explicit step is kept, the default 2.5 eps / steps rescales); otherwise at its own eps. Attacks are
     * grouped by perturbation set; {@code checks} adds the random baseline and the large-eps run.
     */
    public static Report evaluate(Network net, Loss loss, Dataset data, List<AttackSpec> attacks, double[] epsList,
                                  long seed, int batch, Parallel par, boolean checks) {
        if (attacks.isEmpty()) {
            throw new IllegalArgumentException("--attack: at least one attack is needed");
        }
        AttackRun.Result clean = AttackRun.run(net, loss, data, AttackSpec.parse("identity"), seed, batch, par, false);
        Map<String, List<AttackSpec>> groups = new LinkedHashMap<>();
        for (AttackSpec a : attacks) {
            if (a.name().equals("identity")) {
                continue;
            }
            if (epsList != null && epsList.length > 0) {
                for (double e : epsList) {
                    AttackSpec s = a.withEps(e);
                    groups.computeIfAbsent(s.perturbationSet().describe(), key -> new ArrayList<>()).add(s);
                }
            } else {
                groups.computeIfAbsent(a.perturbationSet().describe(), key -> new ArrayList<>()).add(a);
            }
        }
        List<SetResult> sets = new ArrayList<>();
        List<Check> checkList = new ArrayList<>();
        for (Map.Entry<String, List<AttackSpec>> g : groups.entrySet()) {
            List<AttackRun.Result> results = new ArrayList<>();
            for (AttackSpec s : g.getValue()) {
                results.add(AttackRun.run(net, loss, data, s, seed, batch, par, false));
            }
            AttackSpec first = g.getValue().get(0);
            AttackRun.Result baseline = checks
                    ? AttackRun.run(net, loss, data, AttackSpec.parse("random:" + setOptions(first) + ",restarts=" + RANDOM_BASELINE_DRAWS),
                            seed, batch, par, false)
                    : null;
            List<AttackRun.Result> all = new ArrayList<>(results);
            all.add(clean); // x itself is in B(x): a valid (and sometimes the worst) point
            if (baseline != null) {
                all.add(baseline);
            }
            double[] worst = new double[data.n()];
            int worstCorrect = 0;
            for (int i = 0; i < data.n(); i++) {
                double w = Double.NEGATIVE_INFINITY;
                boolean ok = true;
                for (AttackRun.Result r : all) {
                    w = Math.max(w, r.loss()[i]);
                    ok &= r.correct()[i];
                }
                worst[i] = w;
                worstCorrect += ok ? 1 : 0;
            }
            sets.add(new SetResult(g.getKey(), first.norm(), first.eps(), List.copyOf(results), baseline, AttackRun.mean(worst),
                    data.n() == 0 ? 0.0 : (double) worstCorrect / data.n(), null));
            if (checks) {
                checkList.addAll(setChecks(g.getKey(), clean, results, baseline, data.n()));
            }
        }
        if (checks) {
            checkList.addAll(0, gradientChecks(net, loss, data, batch, par));
            checkList.addAll(monotoneChecks(sets));
            checkList.addAll(largeEpsChecks(net, loss, data, sets, seed, batch, par));
        }
        return new Report(data.name(), data.n(), loss.name(), seed, clean.surrogateLoss(), clean.accuracy(), List.copyOf(sets),
                List.copyOf(checkList));
    }

    /** Repeated forwards agree bit for bit; input gradients of the loss at the clean points are not all zero. */
    private static List<Check> gradientChecks(Network net, Loss loss, Dataset data, int batch, Parallel par) {
        int n = data.n();
        int d = data.d();
        int k = net.outputDim();
        int bs = Math.max(1, Math.min(batch, n));
        advtrain.model.Workspace ws = net.newWorkspace(bs, par);
        double[] first = new double[bs * k];
        double[] gOut = new double[bs * k];
        double[] gx = new double[bs * d];
        int differing = 0;
        int zero = 0;
        for (int start = 0; start < n; start += bs) {
            int b = Math.min(bs, n - start);
            net.forward(ws, data.x(), start * d, b);
            System.arraycopy(ws.output(), 0, first, 0, b * k);
            net.forward(ws, data.x(), start * d, b);
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < k; j++) {
                    if (Double.doubleToRawLongBits(first[i * k + j]) != Double.doubleToRawLongBits(ws.output()[i * k + j])) {
                        differing++;
                        break;
                    }
                }
                loss.valueAndGradient(ws.output(), i * k, k, data.y()[start + i], gOut, i * k);
            }
            net.backwardInput(ws, gOut, 0, gx, 0);
            for (int i = 0; i < b; i++) {
                if (SetSupport.K.normInf(d, gx, i * d) == 0.0) {
                    zero++;
                }
            }
        }
        return List.of(
                new Check("outputs are deterministic", differing == 0,
                        differing + " of " + n + " samples changed output between two forwards"),
                new Check("input gradients are not zero", zero == 0,
                        zero + " of " + n + " samples have an exactly zero loss gradient at the clean input"));
    }

    /** The set options of a spec, as spec text: norm, eps, box, sphere. */
    static String setOptions(AttackSpec s) {
        return "norm=" + s.norm().spec() + ",eps=" + AttackSpec.fmt(s.eps())
                + (s.hasBox() ? ",box=" + AttackSpec.fmt(s.boxLo()) + "," + AttackSpec.fmt(s.boxHi()) : "")
                + (s.sphere() ? ",sphere=true" : "");
    }

    private static String family(AttackSpec s) {
        return s.norm().spec() + (s.hasBox() ? " box [" + s.boxLo() + ", " + s.boxHi() + "]" : "") + (s.sphere() ? " sphere" : "");
    }

    private static List<Check> setChecks(String set, AttackRun.Result clean, List<AttackRun.Result> results,
                                         AttackRun.Result baseline, int n) {
        List<Check> out = new ArrayList<>();
        StringBuilder above = new StringBuilder();
        for (AttackRun.Result r : results) {
            if (r.accuracy() > clean.accuracy()) {
                above.append(above.length() == 0 ? "" : ", ").append(r.spec().name()).append(' ').append(pct(r.accuracy()));
            }
        }
        out.add(new Check("attack accuracy <= clean accuracy", above.length() == 0, (above.length() == 0
                ? results.size() + " attack(s) at or below clean " : above + " above clean ") + pct(clean.accuracy()) + " (" + set + ")"));
        List<AttackRun.Result> gradient = results.stream().filter(r -> r.spec().usesGradients()).toList();
        if (baseline != null && !gradient.isEmpty()) {
            int onlyRandom = 0;
            double gradWorst = 0;
            for (int i = 0; i < n; i++) {
                boolean broken = false;
                double w = Double.NEGATIVE_INFINITY;
                for (AttackRun.Result r : gradient) {
                    broken |= !r.correct()[i];
                    w = Math.max(w, r.loss()[i]);
                }
                gradWorst += w;
                if (!baseline.correct()[i] && !broken) {
                    onlyRandom++;
                }
            }
            gradWorst = n == 0 ? 0 : gradWorst / n;
            boolean ok = onlyRandom == 0 && baseline.surrogateLoss() <= gradWorst;
            out.add(new Check("random points do not beat gradient attacks", ok, String.format(Locale.ROOT,
                    "%d samples broken only by random points; mean loss random %.6f vs gradient worst case %.6f (%s)",
                    onlyRandom, baseline.surrogateLoss(), gradWorst, set)));
        }
        StringBuilder pairs = new StringBuilder();
        boolean iterOk = true;
        for (AttackRun.Result single : results) {
            if (!single.spec().name().startsWith("fg")) {
                continue;
            }
            for (AttackRun.Result iter : results) {
                if (iter.spec().name().equals("pgd") || iter.spec().name().startsWith("apgd")) {
                    // Weaker on both counts: attacks maximise the loss, so one sample of accuracy alone is not a signal.
                    iterOk &= iter.accuracy() <= single.accuracy() || iter.surrogateLoss() >= single.surrogateLoss();
                    pairs.append(pairs.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s %s L_A %.6f vs %s %s L_A %.6f",
                            iter.spec().name(), pct(iter.accuracy()), iter.surrogateLoss(), single.spec().name(),
                            pct(single.accuracy()), single.surrogateLoss()));
                }
            }
        }
        if (pairs.length() > 0) {
            out.add(new Check("iterative attacks beat single-step ones", iterOk, pairs + " (" + set + ")"));
        }
        return out;
    }

    static List<Check> monotoneChecks(List<SetResult> sets) {
        Map<String, List<SetResult>> fam = new LinkedHashMap<>();
        for (SetResult r : sets) {
            fam.computeIfAbsent(family(r.attacks().get(0).spec()), k -> new ArrayList<>()).add(r);
        }
        List<Check> out = new ArrayList<>();
        for (Map.Entry<String, List<SetResult>> f : fam.entrySet()) {
            List<SetResult> byEps = new ArrayList<>(f.getValue());
            if (byEps.size() < 2) {
                continue;
            }
            byEps.sort((a, b) -> Double.compare(a.eps(), b.eps()));
            StringBuilder trail = new StringBuilder();
            boolean ok = true;
            for (int i = 0; i < byEps.size(); i++) {
                SetResult r = byEps.get(i);
                trail.append(i == 0 ? "" : ", ").append(pct(r.worstAccuracy())).append(" at eps=").append(AttackSpec.fmt(r.eps()));
                if (i > 0) {
                    SetResult p = byEps.get(i - 1);
                    ok &= r.worstAccuracy() <= p.worstAccuracy();
                    for (AttackRun.Result a : r.attacks()) {
                        for (AttackRun.Result b : p.attacks()) {
                            if (a.spec().name().equals(b.spec().name()) && a.accuracy() > b.accuracy()) {
                                ok = false;
                                trail.append(" [").append(a.spec().name()).append(" rose to ").append(pct(a.accuracy())).append(']');
                            }
                        }
                    }
                }
            }
            out.add(new Check("accuracy does not rise as eps grows", ok, "worst case " + trail + " (" + f.getKey() + ")"));
        }
        return out;
    }

    /** An eps that covers the box, the sphere, or 10x the data's scale. */
    static double largeEps(AttackSpec s, Dataset data) {
        if (s.sphere()) {
            return 2.0;
        }
        double maxAbs = 0;
        double maxNorm = 0;
        for (int i = 0; i < data.n(); i++) {
            double sq = 0;
            for (int j = 0; j < data.d(); j++) {
                double v = data.x()[i * data.d() + j];
                maxAbs = Math.max(maxAbs, Math.abs(v));
                sq += v * v;
            }
            maxNorm = Math.max(maxNorm, Math.sqrt(sq));
        }
        double width = s.boxHi() - s.boxLo();
        if (s.norm() == Norm.LINF) {
            return s.hasBox() && Double.isFinite(width) ? width : 10 * Math.max(1.0, maxAbs);
        }
        return s.hasBox() && Double.isFinite(width) ? width * Math.sqrt(data.d()) : 10 * Math.max(1.0, maxNorm);
    }

    private static List<Check> largeEpsChecks(Network net, Loss loss, Dataset data, List<SetResult> sets, long seed, int batch,
                                              Parallel par) {
        Map<String, AttackSpec> fam = new LinkedHashMap<>();
        for (SetResult r : sets) {
            for (AttackRun.Result a : r.attacks()) {
                if (a.spec().usesGradients()) {
                    fam.putIfAbsent(family(a.spec()), a.spec());
                }
            }
        }
        List<Check> out = new ArrayList<>();
        for (Map.Entry<String, AttackSpec> f : fam.entrySet()) {
            AttackSpec big = f.getValue().withEps(largeEps(f.getValue(), data));
            AttackRun.Result r = AttackRun.run(net, loss, data, big, seed, batch, par, false);
            boolean ok = r.accuracy() <= LARGE_EPS_MAX_ACCURACY;
            out.add(new Check("a large eps drives accuracy near zero", ok, String.format(Locale.ROOT,
                    "%s: %s at eps=%s (needs <= %s)", big.name(), pct(r.accuracy()), AttackSpec.fmt(big.eps()),
                    pct(LARGE_EPS_MAX_ACCURACY))));
        }
        return out;
    }
}
