package workbook.harness;

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
import picocli.CommandLine.Parameters;

/**
 * The entry point behind {@code ./workbook}: {@code run} measures every lesson on one workload and
 * prints one table; {@code lesson NN ...} runs one lesson's own command line; {@code list} names
 * the lessons. Lessons are found through {@link Lesson#discover()}, never listed here.
 */
@Command(
        name = "workbook",
        mixinStandardHelpOptions = true,
        subcommands = {
            Workbook.RunAll.class,
            Workbook.OneLesson.class,
            Workbook.ListLessons.class,
            Workbook.RunLab.class
        },
        description = "Many Cores, One Sum: every lesson sums the same numbers; run them, compare them.")
public final class Workbook implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(execute(commandLine(), args));
    }

    /** Runs {@code commandLine} and flushes its streams, so nothing is lost when the program exits. */
    /**
     * Progress for {@code run}'s rounds: the first and the last always, the others at most one a
     * second, so thousands of tiny rounds (a small n measured many times) do not flood the terminal.
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

    static int execute(CommandLine commandLine, String... args) {
        try {
            return commandLine.execute(args);
        } finally {
            commandLine.getOut().flush();
            commandLine.getErr().flush();
        }
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Workbook());
        // Everything after "lesson NN" belongs to the lesson, options included.
        commandLine.getSubcommands().get("lesson").setStopAtPositional(true);
        commandLine.getSubcommands().get("lab").setStopAtPositional(true);
        // `./workbook lab --help` lists the labs, like `./workbook lab` (it is not an unknown option).
        commandLine.getSubcommands().get("lab").setUnmatchedOptionsArePositionalParams(true);
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
        /* The shared options; only their defaults differ from a lesson's (CommonOptions.Defaults.RUN). */
        @Mixin
        CommonOptions common = new CommonOptions(CommonOptions.Defaults.RUN);

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

        /* Where the lessons come from: discovery, or the fixtures a test hands in. */
        private final java.util.function.Supplier<List<Lesson>> lessonSource;

        RunAll() {
            this(Lesson::discover);
        }

        RunAll(java.util.function.Supplier<List<Lesson>> lessonSource) {
            this.lessonSource = lessonSource;
        }

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            Workload workload;
            try {
                workload = common.validate();
            } catch (IllegalArgumentException badInput) {
                throw new CommandLine.ParameterException(spec.commandLine(), badInput.getMessage(), badInput);
            }
            List<Lesson> lessons = lessonSource.get().stream()
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
                contenders.forEach(
                        contender -> settings.add(contender.strategy().settings()));
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
            // The verdict's reference: the JDK's generator on one thread, never one of the lessons.
            long oracle = Oracle.sum(workload);
            for (int row = 0; row < measurements.size(); row++) {
                Measurement m = measurements.get(row);
                if (json) {
                    out.println(Report.json(m, machine, settings.get(row), m.sum() == oracle));
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
            List<Measurement> wrong =
                    measurements.stream().filter(m -> m.sum() != oracle).toList();
            PrintWriter verdictStream = json ? spec.commandLine().getErr() : out;
            if (!json) {
                out.println();
            }
            if (wrong.isEmpty()) {
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
                    "WRONG: %d of %d sums differ from the oracle's %s: %s%n",
                    wrong.size(),
                    measurements.size(),
                    Report.grouped(oracle),
                    String.join(
                            ", ",
                            wrong.stream()
                                    .map(m -> m.lesson() + "/" + m.strategy() + " gave " + Report.grouped(m.sum()))
                                    .toList()));
            return LessonCli.FAILED;
        }
    }

    @Command(
            name = "lesson",
            description = "Run one lesson with its own options: workbook lesson 02 --n 1e9 --workers 4",
            mixinStandardHelpOptions = false)
    static final class OneLesson implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NN", description = "the lesson's number: 01, 02, ...")
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

    @Command(
            name = "lab",
            description = {
                "Without arguments: list every lab (an experiment behind a lesson page's table).",
                "With NN NAME: run that lab with its own options: workbook lab 04 threshold-sweep --n 1e9"
            },
            mixinStandardHelpOptions = false)
    static final class RunLab implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "NN", description = "the lesson's number")
        String lessonId;

        @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "the lab's name")
        String name;

        @Parameters(index = "2..*", paramLabel = "OPTIONS", description = "passed to the lab (try --help)")
        List<String> labArgs = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Lab> labs = Lab.discover();
            if (lessonId == null || lessonId.equals("--help") || lessonId.equals("-h")) {
                out.println("Labs: the experiments behind the measured tables of the lesson pages.");
                out.println("Run one with ./workbook lab NN NAME [options]; add --help for its options.");
                out.println();
                for (Lab lab : labs) {
                    out.printf(Locale.ROOT, "%s  %-22s %s%n", lab.lesson(), lab.name(), lab.summary());
                }
                return LessonCli.OK;
            }
            String wanted = lessonId.length() == 1 ? "0" + lessonId : lessonId;
            List<Lab> ofLesson =
                    labs.stream().filter(lab -> lab.lesson().equals(wanted)).toList();
            Optional<Lab> lab = ofLesson.stream()
                    .filter(candidate -> candidate.name().equals(name))
                    .findFirst();
            if (lab.isEmpty()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        (name == null
                                        ? "which lab of lesson " + wanted + "?"
                                        : "no lab '" + name + "' in lesson " + wanted)
                                + ". There are: "
                                + (ofLesson.isEmpty()
                                        ? "none"
                                        : String.join(
                                                ", ",
                                                ofLesson.stream().map(Lab::name).toList())));
            }
            return LabCli.run(lab.get(), out, spec.commandLine().getErr(), labArgs.toArray(String[]::new));
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
