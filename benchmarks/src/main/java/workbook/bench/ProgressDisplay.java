package workbook.bench;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import workbook.bench.Sweep.Budget;
import workbook.bench.Sweep.Config;
import workbook.harness.Machine;
import workbook.harness.Report;

/**
 * Shows on stderr what the sweep is doing: on a terminal a progress bar with the lesson, n and
 * the time left; otherwise (a pipe, a log, CI) one plain line per size finished, and one per
 * strategy that failed.
 *
 * <p>The time left comes from a plan: every step's cost is guessed up front from the time
 * budgets and a rough cost per number, the bar advances by planned cost, and the progress bar
 * library scales the remaining plan by how fast the plan has been worked off so far. The guess
 * therefore corrects itself as the run goes on.
 */
final class ProgressDisplay implements Sweep.Listener, AutoCloseable {

    /** Lesson 01's cost per number on a laptop of the 2020s, in nanoseconds: good enough for a plan. */
    private static final double NANOS_PER_NUMBER_GUESS = 1.5;

    /** What starting and joining workers costs per call, roughly: it decides the plan at small n. */
    private static final double FIXED_COST_GUESS_NANOS = 100_000;

    /** Starting a JVM and building its strategy, roughly (a cluster's take longer, a loop's less). */
    private static final double JVM_START_GUESS_NANOS = 700_000_000;

    private static final long PERMILLE = 1000;

    private static final int DEFAULT_WIDTH = 110;

    private final PrintStream err;
    private final boolean terminal;
    private ProgressBar bar;
    private Budget budget;
    private int forks;
    private double totalPlanned;
    private double donePlanned;
    private double sizePlanned;
    private final Map<Config, Double> spent = new HashMap<>();
    private long sizeStarted;

    ProgressDisplay(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** A bar only when stderr is a terminal someone watches. */
    static ProgressDisplay forConsole() {
        java.io.Console console = System.console();
        return new ProgressDisplay(System.err, console != null && console.isTerminal());
    }

    @Override
    public void planned(List<Config> configs, Sweep.Settings settings) {
        this.budget = settings.budget();
        this.forks = settings.forks();
        List<Long> sizes = settings.sizes();
        totalPlanned = 0;
        for (Config config : configs) {
            for (long n : sizes) {
                totalPlanned += planned(config, n);
            }
        }
        err.printf(
                Locale.ROOT,
                "bench: %d strategies x %d sizes, about %s by a rough plan (JVM starts included)%n",
                configs.size(),
                sizes.size(),
                minutes(totalPlanned));
        if (terminal) {
            bar = new ProgressBarBuilder()
                    .setTaskName("bench")
                    .setInitialMax(PERMILLE)
                    .setUnit("%", PERMILLE / 100)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(250)
                    .continuousUpdate()
                    // Left to itself, the bar asks JLine about the terminal, whose native code makes
                    // JDK 24+ print a warning about native access. A fixed width needs no question.
                    .setConsumer(new InteractiveConsoleProgressBarConsumer(err, barWidth()))
                    .build();
        }
    }

    @Override
    public void sizeStarted(long n, List<Config> configs) {
        sizeStarted = System.nanoTime();
        sizePlanned = 0;
        spent.clear();
        for (Config config : configs) {
            sizePlanned += planned(config, n);
        }
        if (bar != null) {
            bar.setExtraMessage("n = " + Sizes.label(n) + ", " + configs.size() + " strategies in turn");
        }
    }

    @Override
    public void runFinished(Config config, long n, long nanos) {
        double planned = planned(config, n);
        spent.merge(config, (double) nanos, (sum, more) -> Math.min(planned, sum + more));
        show(donePlanned
                + spent.values().stream().mapToDouble(Double::doubleValue).sum());
        if (bar != null) {
            bar.setExtraMessage(config.label() + " · n = " + Sizes.label(n));
        }
    }

    @Override
    public void failed(Config config, long n, String why) {
        String line = String.format(Locale.ROOT, "bench: %s FAILED at n = %s: %s", config.label(), Sizes.label(n), why);
        if (bar == null) {
            err.println(line);
        } else {
            bar.pause();
            err.printf("%n%s%n", line);
            bar.resume();
        }
    }

    @Override
    public void sizeFinished(long n, Map<Config, Sweep.Point> points) {
        donePlanned += sizePlanned;
        show(donePlanned);
        List<String> wrong = points.entrySet().stream()
                .filter(entry -> !entry.getValue().agrees())
                .map(entry -> entry.getKey().label())
                .toList();
        String outcome = wrong.isEmpty() ? "every sum the oracle's" : "WRONG SUM: " + String.join(", ", wrong);
        String line = String.format(
                Locale.ROOT,
                "bench: n = %-4s %d strategies measured in %.1f s, %s",
                Sizes.label(n),
                points.size(),
                (System.nanoTime() - sizeStarted) / 1e9,
                outcome);
        if (bar == null) {
            err.println(line);
        } else if (!wrong.isEmpty()) {
            bar.pause();
            err.printf("%n%s%n", line);
            bar.resume();
        }
    }

    /* A step's planned cost: its calls by the budget, and starting its JVMs. */
    private double planned(Config config, long n) {
        return budget.plannedNanos(guessNanos(config, n)) + forks * JVM_START_GUESS_NANOS;
    }

    private void show(double planned) {
        if (bar != null && totalPlanned > 0) {
            bar.stepTo(Math.min(PERMILLE, Math.round(planned / totalPlanned * PERMILLE)));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.stepTo(PERMILLE);
            bar.close();
            bar = null;
        }
    }

    /** The shell's COLUMNS when it exports them, else a width most terminals have. */
    private static int barWidth() {
        try {
            return Math.max(60, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "")) - 1);
        } catch (NumberFormatException notSet) {
            return DEFAULT_WIDTH;
        }
    }

    /** A first guess of one call's time, before anything is measured. */
    static double guessNanos(Config config, long n) {
        if (config.role() != Sweep.Role.PARALLEL) {
            return n * NANOS_PER_NUMBER_GUESS;
        }
        int helping = Math.max(1, Math.min(config.workers(), Machine.availableCores()));
        return FIXED_COST_GUESS_NANOS + n * NANOS_PER_NUMBER_GUESS / helping;
    }

    private static String minutes(double nanos) {
        return Report.elapsed(nanos);
    }
}
