package workbook.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import workbook.harness.Commands;
import workbook.harness.CommonOptions;
import workbook.harness.ExitCode;
import workbook.harness.Fork;
import workbook.harness.ForkOptions;
import workbook.harness.Forks;
import workbook.harness.Lesson;
import workbook.harness.Machine;
import workbook.harness.Measurement;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Table;
import workbook.harness.Workload;

/**
 * {@code ./workbook run}: every lesson's strategies on one workload, in one table. Each strategy is
 * timed in JVMs of its own ({@link Forks}), in interleaved rounds, every sum checked against the
 * oracle, and its speedup given over the baseline lesson on this machine's cores.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "measure every lesson on one workload and print one table",
        description = {
            "Every lesson's strategies on one workload, each in JVMs of its own, in interleaved rounds; every sum"
                    + " checked against the oracle, every speedup over the baseline lesson.",
            ""
        })
final class RunAll implements Callable<Integer> {
    /* The shared options; only their defaults differ from a lesson's (CommonOptions.Defaults.RUN). */
    @Mixin
    CommonOptions common = new CommonOptions(CommonOptions.Defaults.RUN);

    @Mixin
    ForkOptions forks = new ForkOptions(3);

    @Option(
            names = "--lesson",
            paramLabel = "NN",
            split = ",",
            description = "only these lessons (for example 01,04; the baseline, lesson 01, gives the speedups)")
    List<String> only = List.of();

    @Option(names = "--json", description = "one JSON object per measured strategy instead of the table")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /* Where the lessons come from: discovery, or the fixtures a test hands in. */
    private final Supplier<List<Lesson>> lessonSource;

    RunAll() {
        this(Lesson::discover);
    }

    RunAll(Supplier<List<Lesson>> lessonSource) {
        this.lessonSource = lessonSource;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Workload workload = Commands.input(spec, common::validate);
        Forks.Plan plan = Commands.input(spec, () -> forks.plan(common));
        List<Lesson> all = lessonSource.get();
        List<Lesson> lessons = only.isEmpty()
                ? all
                : Commands.input(spec, () -> only.stream()
                        .map(name -> Lesson.find(all, name))
                        .distinct()
                        .toList());
        Machine machine = Machine.current();
        List<Forks.Contender> contenders = new ArrayList<>();
        for (Lesson lesson : lessons) {
            for (Lesson.Strategy strategy : lesson.strategies()) {
                int workers = strategy.usesWorkers() ? common.workers() : 1;
                contenders.add(new Forks.Contender(
                        lesson.module(), strategy.name(), workers, Fork.Recipe.strategy(lesson, strategy, workers)));
            }
        }
        if (!json) {
            out.printf(
                    Locale.ROOT,
                    "n = %s numbers in [%d, %d], seed %d; each strategy in a JVM of its own, %d warm-up then the"
                            + " median of %d interleaved rounds, in %d %s of JVMs; %s%n%n",
                    Report.grouped(workload.n()),
                    workload.lo(),
                    workload.hi(),
                    workload.seed(),
                    common.warmup(),
                    common.repeat(),
                    plan.forks(),
                    plan.forks() == 1 ? "set" : "sets",
                    machine.summary());
            out.flush();
        }
        List<Forks.Result> results = Forks.measure(contenders, workload, plan, progress(err));
        Optional<String> baselineModule = Lesson.baseline(lessons).map(Lesson::module);
        Optional<Measurement> baseline = results.stream()
                .map(Forks.Result::all)
                .filter(m -> baselineModule.isPresent() && m.lesson().equals(baselineModule.get()))
                .findFirst();
        // The verdict's reference: the JDK's generator on one thread, never one of the lessons.
        long oracle = Oracle.sum(workload);
        Table table = Table.of("lesson", "strategy", "workers", "median", "ns/number", "speedup", "JVMs apart", "sum")
                .align(1, Table.Align.LEFT);
        for (Forks.Result result : results) {
            Measurement m = result.all();
            Optional<Double> speedup = baseline.map(m::speedupOver);
            if (json) {
                out.println(Report.json(m, machine, result.settings(), m.sum() == oracle)
                        .put("forks", result.perFork().size())
                        .put(
                                "fork_medians_ms",
                                result.perFork().stream()
                                        .map(fork -> fork.medianNanos() / 1e6)
                                        .toList())
                        .put("forks_disagree", result.forksDisagree())
                        .put("speedup", speedup.orElse(null)));
            } else {
                table.row(
                        m.lesson(),
                        m.strategy(),
                        result.settings().getOrDefault("workers", m.workers()),
                        Report.duration(m.medianNanos()),
                        String.format(Locale.ROOT, "%.2f", m.nsPerNumber()),
                        speedup.map(value -> String.format(Locale.ROOT, "%.2fx", value))
                                .orElse("-"),
                        String.format(Locale.ROOT, "%.0f %%", (result.spread() - 1) * 100),
                        Report.grouped(m.sum()));
            }
        }
        PrintWriter words = json ? err : out;
        if (!json) {
            out.print(table.text());
            out.println();
        }
        for (Forks.Result result : results) {
            if (result.forksDisagree()) {
                words.println("Note: " + result.contender().label() + "'s JVMs disagree by more than 10 %, "
                        + result.perForkText() + "; its median folds them together.");
            }
        }
        List<Measurement> wrong = results.stream()
                .map(Forks.Result::all)
                .filter(m -> m.sum() != oracle)
                .toList();
        if (wrong.isEmpty()) {
            words.printf(
                    Locale.ROOT,
                    "All %d sums are equal (%s) and match the oracle (JDK SplittableRandom). Speedups are over %s,"
                            + " on %d cores.%n",
                    results.size(),
                    Report.grouped(oracle),
                    baselineModule.orElse("nothing (no baseline lesson ran)"),
                    machine.cores());
            return ExitCode.OK;
        }
        words.printf(
                Locale.ROOT,
                "WRONG: %d of %d sums differ from the oracle's %s: %s%n",
                wrong.size(),
                results.size(),
                Report.grouped(oracle),
                String.join(
                        ", ",
                        wrong.stream()
                                .map(m -> m.lesson() + "/" + m.strategy() + " gave " + Report.grouped(m.sum()))
                                .toList()));
        return ExitCode.FAILED;
    }

    /**
     * Progress on standard error: each set of JVMs as it starts, and the rounds, the first and
     * the last always and the others at most one a second, so thousands of tiny rounds do not
     * flood the terminal.
     */
    static Forks.Listener progress(PrintWriter err) {
        return new Forks.Listener() {
            private long lastShown;

            @Override
            public void forkStarted(int fork, int forks) {
                err.printf(Locale.ROOT, "  JVMs %d of %d: starting one per strategy%n", fork, forks);
                err.flush();
            }

            @Override
            public void roundFinished(int fork, int round, int rounds) {
                long now = System.nanoTime();
                if (round == 1 || round == rounds || now - lastShown >= 1_000_000_000L) {
                    err.printf(Locale.ROOT, "  JVMs %d, round %d/%d done%n", fork, round, rounds);
                    err.flush();
                    lastShown = now;
                }
            }
        };
    }
}
