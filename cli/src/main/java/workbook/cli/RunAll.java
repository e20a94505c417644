package workbook.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import workbook.harness.Commands;
import workbook.harness.CommonOptions;
import workbook.harness.ExitCode;
import workbook.harness.Lesson;
import workbook.harness.Machine;
import workbook.harness.Measurement;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Table;
import workbook.harness.Timer;
import workbook.harness.Workload;

/** {@code ./workbook run}: every lesson's strategies on one workload, in interleaved rounds, in one table. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        header = "measure every lesson on one workload and print one table",
        description =
                "Every lesson's strategies on one workload, in interleaved rounds, every sum checked against the oracle.")
final class RunAll implements Callable<Integer> {
    /* The shared options; only their defaults differ from a lesson's (CommonOptions.Defaults.RUN). */
    @Mixin
    CommonOptions common = new CommonOptions(CommonOptions.Defaults.RUN);

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
    private final java.util.function.Supplier<List<Lesson>> lessonSource;

    RunAll() {
        this(Lesson::discover);
    }

    RunAll(java.util.function.Supplier<List<Lesson>> lessonSource) {
        this.lessonSource = lessonSource;
    }

    /**
     * Progress for the rounds: the first and the last always, the others at most one a second, so
     * thousands of tiny rounds (a small n measured many times) do not flood the terminal.
     */
    static IntConsumer roundProgress(PrintWriter err, int rounds, LongSupplier clock) {
        long[] lastShown = {0};
        return round -> {
            long now = clock.getAsLong();
            if (round == 1 || round == rounds || now - lastShown[0] >= 1_000_000_000L) {
                err.printf(Locale.ROOT, "  round %d/%d done%n", round, rounds);
                err.flush();
                lastShown[0] = now;
            }
        };
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Workload workload = Commands.input(spec, common::validate);
        List<Lesson> all = lessonSource.get();
        List<Lesson> lessons = only.isEmpty()
                ? all
                : Commands.input(spec, () -> only.stream()
                        .map(name -> Lesson.find(all, name))
                        .distinct()
                        .toList());
        Machine machine = Machine.current();
        if (!json) {
            out.printf(
                    Locale.ROOT,
                    "n = %s numbers in [%d, %d], seed %d; median of %d interleaved rounds after %d warm-up; %s%n%n",
                    Report.grouped(workload.n()),
                    workload.lo(),
                    workload.hi(),
                    workload.seed(),
                    common.repeat(),
                    common.warmup(),
                    machine.summary());
            out.flush();
        }
        /*
         * Every strategy is built first and measured in rounds (Timer.measureInterleaved), so
         * that a machine whose speed drifts during the run slows every lesson alike.
         */
        List<Timer.Contender> contenders = new ArrayList<>();
        List<Measurement> measurements;
        List<Map<String, Object>> settings = new ArrayList<>();
        try {
            for (Lesson lesson : lessons) {
                for (Lesson.Strategy strategy : lesson.strategies()) {
                    int workersUsed = strategy.usesWorkers() ? common.workers() : 1;
                    contenders.add(new Timer.Contender(
                            lesson.module(),
                            strategy.name(),
                            strategy.withWorkers().apply(workersUsed),
                            workersUsed));
                }
            }
            PrintWriter err = spec.commandLine().getErr();
            measurements = Timer.measureInterleaved(
                    contenders,
                    workload,
                    common.warmup(),
                    common.repeat(),
                    roundProgress(err, common.repeat(), System::nanoTime));
            contenders.forEach(contender -> settings.add(contender.strategy().settings()));
        } finally {
            contenders.forEach(contender -> contender.strategy().close());
        }
        Optional<String> baselineModule = Lesson.baseline(lessons).map(Lesson::module);
        Optional<Measurement> baseline = measurements.stream()
                .filter(m -> baselineModule.isPresent() && m.lesson().equals(baselineModule.get()))
                .findFirst();
        // The verdict's reference: the JDK's generator on one thread, never one of the lessons.
        long oracle = Oracle.sum(workload);
        Table table = Table.of("lesson", "strategy", "workers", "median", "ns/number", "speedup", "sum");
        table.align(1, Table.Align.LEFT);
        for (int row = 0; row < measurements.size(); row++) {
            Measurement m = measurements.get(row);
            if (json) {
                out.println(Report.json(m, machine, settings.get(row), m.sum() == oracle));
            } else {
                table.row(
                        m.lesson(),
                        m.strategy(),
                        m.workers(),
                        Report.duration(m.medianNanos()),
                        String.format(Locale.ROOT, "%.2f", m.nsPerNumber()),
                        baseline.map(base -> String.format(Locale.ROOT, "%.2fx", m.speedupOver(base)))
                                .orElse("-"),
                        Report.grouped(m.sum()));
            }
        }
        if (!json) {
            out.print(table.text());
            out.println();
        }
        List<Measurement> wrong =
                measurements.stream().filter(m -> m.sum() != oracle).toList();
        PrintWriter verdictStream = json ? spec.commandLine().getErr() : out;
        if (wrong.isEmpty()) {
            verdictStream.printf(
                    Locale.ROOT,
                    "All %d sums are equal (%s) and match the oracle (JDK SplittableRandom). Speedups are over %s,"
                            + " on %d cores.%n",
                    measurements.size(),
                    Report.grouped(oracle),
                    baselineModule.orElse("nothing (no baseline lesson ran)"),
                    machine.cores());
            return ExitCode.OK;
        }
        verdictStream.printf(
                Locale.ROOT,
                "WRONG: %d of %d sums differ from the oracle's %s: %s%n",
                wrong.size(),
                measurements.size(),
                Report.grouped(oracle),
                String.join(
                        ", ",
                        wrong.stream()
                                .map(m -> m.lesson() + "/" + m.strategy() + " gave " + Report.grouped(m.sum()))
                                .toList()));
        return ExitCode.FAILED;
    }
}
