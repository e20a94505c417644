package workbook.harness;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The entry point behind {@code ./workbook}: {@code run} measures every lesson on one workload and
 * prints one table; {@code lesson NN ...} runs one lesson's own command line; {@code list} names
 * the lessons. Lessons are found through {@link Lesson#discover()}, never listed here.
 */
@Command(
        name = "workbook",
        mixinStandardHelpOptions = true,
        subcommands = {Workbook.RunAll.class, Workbook.OneLesson.class, Workbook.ListLessons.class},
        description = "Many Cores, One Sum: every lesson sums the same numbers; run them, compare them.")
public final class Workbook implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Workbook());
        // Everything after "lesson NN" belongs to the lesson, options included.
        commandLine.getSubcommands().get("lesson").setStopAtPositional(true);
        commandLine.setParameterExceptionHandler((ex, ignoredArgs) -> {
            ex.getCommandLine().getErr().println("workbook: " + ex.getMessage() + " (see --help)");
            return LessonCli.BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("workbook: failed: " + LessonCli.describe(ex));
            return LessonCli.FAILED;
        });
        return commandLine;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return LessonCli.OK;
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Measure every lesson on one workload and print one table.")
    static final class RunAll implements Callable<Integer> {
        @Option(
                names = "--n",
                converter = WholeNumber.class,
                paramLabel = "N",
                description = "numbers to sum (default: 5e8)")
        long n = 500_000_000L;

        @Option(
                names = "--seed",
                converter = WholeNumber.class,
                paramLabel = "SEED",
                description = "(default: ${DEFAULT-VALUE})")
        long seed = CommonOptions.DEFAULT_SEED;

        @Option(
                names = "--workers",
                converter = WholeNumber.Int.class,
                paramLabel = "N",
                description = "workers for every parallel lesson (default: the number of cores, ${DEFAULT-VALUE} here)")
        int workers = Machine.availableCores();

        @Option(
                names = "--repeat",
                converter = WholeNumber.Int.class,
                paramLabel = "RUNS",
                description = "measured runs per lesson (default: ${DEFAULT-VALUE})")
        int repeat = 5;

        @Option(
                names = "--warmup",
                converter = WholeNumber.Int.class,
                paramLabel = "RUNS",
                description = "warm-up runs per lesson (default: ${DEFAULT-VALUE})")
        int warmup = 1;

        @Option(
                names = "--lesson",
                paramLabel = "NN",
                split = ",",
                description = "only these lessons (for example 01,04)")
        List<String> only = List.of();

        @Option(names = "--json", description = "one JSON object per measured strategy instead of the table")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            Workload workload;
            try {
                if (workers < 1 || repeat < 1 || warmup < 0) {
                    throw new IllegalArgumentException(
                            "--workers and --repeat must be at least 1 and --warmup at least 0, were " + workers + ", "
                                    + repeat + ", " + warmup);
                }
                workload = new Workload(n, seed, Workload.DEFAULT_LO, Workload.DEFAULT_HI);
            } catch (IllegalArgumentException badInput) {
                throw new CommandLine.ParameterException(spec.commandLine(), badInput.getMessage(), badInput);
            }
            List<Lesson> lessons = Lesson.discover().stream()
                    .filter(lesson -> only.isEmpty() || only.contains(lesson.id()))
                    .toList();
            if (lessons.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no lesson matches " + only);
            }
            Machine machine = Machine.current();
            String header = String.format(
                    Locale.ROOT,
                    "%-18s %-18s %7s %11s %10s %16s %18s",
                    "lesson",
                    "strategy",
                    "workers",
                    "median",
                    "ns/number",
                    "speedup vs 01",
                    "sum");
            if (!json) {
                out.printf(
                        Locale.ROOT,
                        "n = %s numbers in [0, 10], seed %d; median of %d interleaved rounds after %d warm-up; %s%n%n",
                        Report.grouped(n),
                        seed,
                        repeat,
                        warmup,
                        machine.summary());
                out.flush();
            }
            /*
             * Every strategy is built first and measured in rounds (Timer.measureInterleaved), so
             * that a machine whose speed drifts during the run slows every lesson alike.
             */
            List<Timer.Contender> contenders = new ArrayList<>();
            List<Measurement> measurements;
            try {
                for (Lesson lesson : lessons) {
                    for (Lesson.Strategy strategy : lesson.strategies()) {
                        int workersUsed = strategy.usesWorkers() ? workers : 1;
                        contenders.add(new Timer.Contender(
                                lesson.module(),
                                strategy.name(),
                                strategy.withWorkers().apply(workersUsed),
                                workersUsed));
                    }
                }
                PrintWriter err = spec.commandLine().getErr();
                measurements = Timer.measureInterleaved(contenders, workload, warmup, repeat, round -> {
                    err.printf(Locale.ROOT, "  round %d/%d done%n", round, repeat);
                    err.flush();
                });
            } finally {
                contenders.forEach(contender -> contender.strategy().close());
            }
            Optional<Measurement> baseline = measurements.stream()
                    .filter(m -> m.lesson().startsWith("01-"))
                    .findFirst();
            if (!json) {
                out.println(header);
                out.println("-".repeat(header.length()));
            }
            for (Measurement m : measurements) {
                if (json) {
                    out.println(Report.json(m, machine, java.util.Map.of(), null));
                } else {
                    String speedup = baseline.map(base -> String.format(Locale.ROOT, "%.2fx", m.speedupOver(base)))
                            .orElse("-");
                    out.printf(
                            Locale.ROOT,
                            "%-18s %-18s %7d %11s %10.2f %16s %18s%n",
                            m.lesson(),
                            m.strategy(),
                            m.workers(),
                            Report.duration(m.medianNanos()),
                            m.nsPerNumber(),
                            speedup,
                            Report.grouped(m.sum()));
                }
            }
            out.flush();
            long oracle = Oracle.sum(workload);
            long agreeing = measurements.stream().filter(m -> m.sum() == oracle).count();
            PrintWriter verdictStream = json ? spec.commandLine().getErr() : out;
            if (!json) {
                out.println();
            }
            if (agreeing == measurements.size()) {
                verdictStream.printf(
                        Locale.ROOT,
                        "All %d sums are equal (%s) and match the oracle (JDK SplittableRandom). Speedups are on %d cores.%n",
                        measurements.size(),
                        Report.grouped(oracle),
                        machine.cores());
                return LessonCli.OK;
            }
            verdictStream.printf(
                    Locale.ROOT,
                    "WRONG: %d of %d sums differ from the oracle's %s%n",
                    measurements.size() - agreeing,
                    measurements.size(),
                    Report.grouped(oracle));
            return LessonCli.FAILED;
        }
    }

    @Command(
            name = "lesson",
            description = "Run one lesson with its own options: workbook lesson 02 --n 1e9 --workers 4",
            mixinStandardHelpOptions = false)
    static final class OneLesson implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NN", description = "the lesson's number, 01 to 06")
        String id;

        @Parameters(index = "1..*", paramLabel = "OPTIONS", description = "passed to the lesson (try --help)")
        List<String> lessonArgs = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            String wanted = id.length() == 1 ? "0" + id : id;
            Lesson lesson = Lesson.discover().stream()
                    .filter(candidate ->
                            candidate.id().equals(wanted) || candidate.module().equals(id))
                    .findFirst()
                    .orElseThrow(() -> new CommandLine.ParameterException(
                            spec.commandLine(),
                            "no lesson '" + id + "'; there are "
                                    + Lesson.discover().stream().map(Lesson::id).toList()));
            return lesson.commandLine(lessonArgs.toArray(String[]::new));
        }
    }

    @Command(name = "list", description = "Name every lesson and its strategies.")
    static final class ListLessons implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            for (Lesson lesson : Lesson.discover()) {
                spec.commandLine()
                        .getOut()
                        .printf(
                                Locale.ROOT,
                                "%s  %-18s %s  [%s]%n",
                                lesson.id(),
                                lesson.module(),
                                lesson.title(),
                                String.join(
                                        ", ",
                                        lesson.strategies().stream()
                                                .map(Lesson.Strategy::name)
                                                .toList()));
            }
            return LessonCli.OK;
        }
    }
}
