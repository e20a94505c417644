package workbook.harness;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The command line every lesson shares: {@link CommonOptions} ({@code --n 1e9 --workers 4 --seed 7
 * --lo 0 --hi 10 --repeat 5 --warmup 2}) and {@code --json --verify --help}, wired in the
 * lesson's descriptor:
 *
 * <pre>{@code
 * public int commandLine(PrintWriter out, PrintWriter err, String... args) {
 *     return LessonCli.of(this, "sequential")
 *             .singleThreaded()
 *             .strategy(options -> new Sequential())
 *             .run(out, err, args);
 * }
 * }</pre>
 *
 * The report and the {@code --json} line show what the strategy says it used
 * ({@link SumStrategy#settings()}), not what was asked for.
 *
 * Bad input (a negative n, lo above hi, a workload whose sum could overflow, an unknown option, a
 * strategy constructor's IllegalArgumentException) prints one line naming the value and exits
 * with 2; a failure while summing prints one line and exits with 1.
 */
public final class LessonCli {
    private final String lesson;
    private final Map<String, String> pieceKinds;
    private final Supplier<String> strategyName;
    private final List<String> description = new ArrayList<>();
    private boolean usesWorkers = true;
    private Object lessonOptions;
    private Function<CommonOptions, SumStrategy> strategy;

    private LessonCli(String lesson, Map<String, String> pieceKinds, Supplier<String> strategyName) {
        this.lesson = lesson;
        this.pieceKinds = pieceKinds;
        this.strategyName = strategyName;
    }

    /** The command line of {@code lesson}, timing the strategy called {@code strategyName}. */
    public static LessonCli of(Lesson lesson, String strategyName) {
        return of(lesson, () -> strategyName);
    }

    /**
     * For a lesson that teaches several strategies and picks one by an option: the name is asked
     * for after the command line is parsed, e.g. {@code () -> knobs.strategy}.
     */
    public static LessonCli of(Lesson lesson, Supplier<String> strategyName) {
        return new LessonCli(lesson.module(), lesson.pieceKinds(), strategyName);
    }

    /* For the harness's own tests: a command line named after a module that has no descriptor. */
    static LessonCli lesson(String module, String strategyName) {
        return lesson(module, () -> strategyName);
    }

    static LessonCli lesson(String module, Supplier<String> strategyName) {
        return new LessonCli(module, Map.of(), strategyName);
    }

    /** Paragraphs shown by --help above the options. */
    public LessonCli description(String... paragraphs) {
        description.addAll(List.of(paragraphs));
        return this;
    }

    /** For a lesson that always runs on one thread: its --workers is documented as ignored. */
    public LessonCli singleThreaded() {
        usesWorkers = false;
        return this;
    }

    /** An object with the lesson's own picocli {@code @Option} fields (a threshold, a task count). */
    public LessonCli options(Object lessonOptions) {
        this.lessonOptions = lessonOptions;
        return this;
    }

    /** Builds the strategy to time from the parsed options; its IllegalArgumentException means bad input. */
    public LessonCli strategy(Function<CommonOptions, SumStrategy> strategy) {
        this.strategy = strategy;
        return this;
    }

    /** Parses {@code args}, runs the lesson and returns the exit code. */
    public int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * The same, writing to the given streams (for tests). Both are flushed before it returns, so
     * nothing is lost when the program exits right after, whatever kind of writer they are.
     */
    public int run(PrintWriter out, PrintWriter err, String... args) {
        if (strategy == null) {
            throw new IllegalStateException(lesson + ": no strategy given to LessonCli");
        }
        Front front = new Front();
        CommandLine commandLine = new CommandLine(front);
        CommandSpec spec = commandLine.getCommandSpec();
        spec.name(lesson);
        spec.usageMessage().description(description.toArray(String[]::new));
        if (!usesWorkers) {
            OptionSpec workers = spec.findOption("--workers");
            spec.remove(workers);
            spec.addOption(OptionSpec.builder(workers)
                    .description("ignored: this lesson always runs on one thread")
                    .build());
        }
        if (lessonOptions != null) {
            spec.addMixin("lesson", CommandSpec.forAnnotatedObject(lessonOptions));
        }
        commandLine.setOut(out);
        commandLine.setErr(err);
        Commands.wire(commandLine);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Command(mixinStandardHelpOptions = true, sortOptions = false, versionProvider = Front.Version.class)
    private final class Front implements Callable<Integer> {
        @Mixin
        CommonOptions common = new CommonOptions(CommonOptions.Defaults.LESSON);

        @Option(names = "--json", description = "print one JSON object per line instead of the report")
        boolean json;

        @Option(
                names = "--timeline",
                paramLabel = "FILE",
                description =
                        "record which thread summed which piece, and when, in the measured runs: FILE.jsonl (every"
                                + " piece), FILE.svg (a chart of the median run) or - (a text chart here)")
        String timeline;

        @Option(
                names = "--verify",
                description =
                        "also sum the numbers with the JDK's SplittableRandom on one thread and check that both sums agree")
        boolean verify;

        @CommandLine.Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!usesWorkers) {
                common.useOneWorker();
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Workload workload;
            SumStrategy built;
            try {
                workload = common.validate();
                if (timeline != null) {
                    TimelineWriter.checkTarget(timeline);
                }
                built = strategy.apply(common);
            } catch (IllegalArgumentException badInput) {
                throw new ParameterException(spec.commandLine(), badInput.getMessage(), badInput);
            }
            Machine machine = Machine.current();
            Measurement measurement;
            Map<String, Object> settings;
            Timeline recording = timeline == null ? null : Timeline.start();
            try (SumStrategy running = built) {
                measurement = Timer.measure(
                        lesson,
                        strategyName.get(),
                        running,
                        workload,
                        common.workers(),
                        common.warmup(),
                        common.repeat(),
                        json ? Timer.Progress.NONE : progressTo(err),
                        recording);
                settings = running.settings();
            } finally {
                if (recording != null) {
                    recording.stop();
                }
            }
            // One oracle pass (as long as a one-thread run), only when asked for.
            Long oracleSum = verify ? Oracle.sum(workload) : null;
            Boolean oracleAgrees = oracleSum == null ? null : oracleSum == measurement.sum();
            if (json) {
                out.println(Report.json(measurement, machine, settings, oracleAgrees));
            } else {
                out.print(Report.human(measurement, machine, usesWorkers, settings, oracleAgrees));
            }
            out.flush(); // the report before any line on stderr, on a terminal that shows both
            if (recording != null) {
                TimelineWriter.write(
                        recording,
                        timeline,
                        TimelineWriter.Title.of(measurement, machine, settings, pieceKinds),
                        json ? err : out);
            }
            if (Boolean.FALSE.equals(oracleAgrees)) {
                err.println(lesson + ": the sum " + measurement.sum() + " differs from the oracle's " + oracleSum);
                return ExitCode.FAILED;
            }
            return ExitCode.OK;
        }

        static final class Version implements CommandLine.IVersionProvider {
            @Override
            public String[] getVersion() {
                return new String[] {
                    "Many Cores, One Sum workbook, on " + Machine.current().summary()
                };
            }
        }
    }

    /** Runs longer than a second report themselves on stderr, so a long measurement is never silent. */
    static Timer.Progress progressTo(PrintWriter err) {
        return (warmup, runNumber, runCount, nanos) -> {
            if (nanos >= 1_000_000_000L) {
                err.printf(
                        Locale.ROOT,
                        "  %s %d/%d: %s%n",
                        warmup ? "warm-up" : "run",
                        runNumber,
                        runCount,
                        Report.duration(nanos));
                err.flush();
            }
        };
    }
}
