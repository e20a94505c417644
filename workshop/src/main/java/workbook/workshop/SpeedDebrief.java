package workbook.workshop;

import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import workbook.harness.Lesson;
import workbook.harness.Measurement;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Timeline;
import workbook.harness.Timer;
import workbook.harness.Workload;

/**
 * The speed debrief after a DONE: the learner's strategy against the lesson's solution and
 * the baseline lesson (01), in interleaved rounds ({@link Timer#measureInterleaved}), at an n where
 * parallel pays. It runs in a JVM of its own, started by the check, with three class loaders over
 * one harness: the learner's compiled classes, the solution's {@code target/classes} and the
 * baseline's, each with its lesson found through its ServiceLoader registration.
 *
 * <p>Besides the clock it looks at the work itself: one more call of each strategy is recorded on
 * the harness's {@link Timeline}, and if the learner's pieces of work never overlapped in time
 * while the solution's did, the learner's code ran on one core at a time, whatever the clock said
 * on a busy machine. Either sign (1.3 times the solution's time or more, or no overlap) brings the
 * lesson's likely cause and the link to its pitfalls. The debrief never changes the verdict.
 *
 * <p>Where the lesson's strategy leaves part of the learner's code unused (lesson 07's runs two
 * accumulators, the learner writes the one-accumulator kernel), both sides are built the way the
 * lesson's {@link Lesson.Advice#timed()} says, each by its own descriptor, and the first line says so.
 *
 * <p>Arguments: {@code ID LEARNER_CLASSES SOLUTION_CLASSES BASELINE_CLASSES LEARNER_FILES PITFALLS_LINK
 * [--run-nanos N] [--cause-named]} (read by picocli into {@link Arguments}), folders separated by the path separator, LEARNER_FILES the learner's source
 * paths separated by commas ("workbook/forkjoin/ForkJoinSum.java"), BASELINE_CLASSES "-" when
 * there is no baseline lesson; {@code --cause-named}: the parallelism advice before the debrief has
 * named the likely cause already, so the debrief points back at it instead of repeating it;
 * {@code --run-nanos}: about how long one run of the baseline should take (default
 * {@link #TARGET_BASELINE_RUN}), which sets n.
 */
public final class SpeedDebrief {
    /**
     * About this long for one run of the baseline, so the whole debrief takes a few seconds (a
     * check's settings may ask for another: {@code --run-nanos}).
     */
    static final Duration TARGET_BASELINE_RUN = Duration.ofMillis(300);

    static final long SEED = 20261126L;
    static final int WARMUP = 1;
    static final int ROUNDS = 5;

    private SpeedDebrief() {}

    /** What Workshop.runDebrief passes to this JVM (parsed by picocli, as every command line here). */
    @Command(name = "speed-debrief")
    static final class Arguments {
        @Parameters(index = "0")
        String id;

        @Parameters(index = "1", description = "the learner's classes")
        String learner;

        @Parameters(index = "2", description = "the solution's classes")
        String solution;

        @Parameters(index = "3", description = "the baseline lesson's classes, or -")
        String baseline;

        @Parameters(index = "4", description = "the learner's files, separated by commas")
        String learnerFiles;

        @Parameters(index = "5", description = "the link to the lesson page's pitfalls")
        String pitfallsLink;

        @Option(names = "--run-nanos")
        long runNanos = TARGET_BASELINE_RUN.toNanos();

        @Option(names = "--cause-named")
        boolean causeNamed;
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = CommandLine.populateCommand(new Arguments(), args);
        String id = arguments.id;
        PrintStream out = System.out;
        try (URLClassLoader learnerLoader = loader("learner", arguments.learner);
                URLClassLoader solutionLoader = loader("solution", arguments.solution);
                URLClassLoader baselineLoader =
                        arguments.baseline.equals("-") ? null : loader("baseline", arguments.baseline)) {
            Set<String> learnerClasses = topLevelClasses(arguments.learnerFiles);
            Lesson learnerLesson = lesson(learnerLoader, id);
            Lesson solutionLesson = lesson(solutionLoader, id);
            Lesson.Strategy learnerStrategy = learnersStrategy(learnerLesson, learnerClasses);
            Lesson.Strategy solutionStrategy = solutionLesson.strategies().stream()
                    .filter(strategy -> strategy.name().equals(learnerStrategy.name()))
                    .findFirst()
                    .orElseThrow(() ->
                            new IllegalStateException("the solution has no strategy '" + learnerStrategy.name() + "'"));
            Lesson baselineLesson =
                    baselineLoader == null || solutionLesson.baseline() ? null : baseline(baselineLoader);
            int cores = Runtime.getRuntime().availableProcessors();
            int workers = learnerStrategy.usesWorkers() ? cores : 1; // the baseline has one, whatever it is given
            // Where the lesson says which strategy to time, each side's own descriptor builds it.
            Optional<Lesson.Timed> learnerTimed = learnerLesson.advice().timed();
            Optional<Lesson.Timed> solutionTimed = solutionLesson.advice().timed();
            boolean asSaid = learnerTimed.isPresent() && solutionTimed.isPresent();
            try (SumStrategy learner = asSaid
                            ? learnerTimed.get().withWorkers().apply(workers)
                            : learnerStrategy.withWorkers().apply(workers);
                    SumStrategy solution = asSaid
                            ? solutionTimed.get().withWorkers().apply(workers)
                            : solutionStrategy.withWorkers().apply(workers);
                    SumStrategy baseline = baselineLesson == null
                            ? null
                            : baselineLesson
                                    .strategies()
                                    .getFirst()
                                    .withWorkers()
                                    .apply(1)) {
                long n = calibratedN(baseline != null ? baseline : solution, arguments.runNanos);
                Workload workload = Workload.of(n, SEED);
                List<Timer.Contender> contenders = new ArrayList<>();
                contenders.add(new Timer.Contender("your code", learnerStrategy.name(), learner, workers));
                contenders.add(new Timer.Contender("the solution", solutionStrategy.name(), solution, workers));
                if (baseline != null) {
                    contenders.add(new Timer.Contender(
                            "lesson " + baselineLesson.id(),
                            baselineLesson.strategies().getFirst().name(),
                            baseline,
                            1));
                }
                List<Measurement> measured =
                        Timer.measureInterleaved(contenders, workload, WARMUP, ROUNDS, round -> {});
                int learnerOverlap = mostAtOnce(learner, workload);
                int solutionOverlap = mostAtOnce(solution, workload);
                report(
                        out,
                        id,
                        solutionLesson.advice().slowCause(),
                        arguments.pitfallsLink,
                        workload,
                        cores,
                        workers,
                        asSaid ? solutionTimed.get().description() : null,
                        measured,
                        learnerOverlap,
                        solutionOverlap,
                        arguments.causeNamed);
            }
        }
    }

    /** The lines of the debrief. */
    static void report(
            PrintStream out,
            String id,
            Optional<String> slowCause,
            String pitfallsLink,
            Workload workload,
            int cores,
            int workers,
            String timedAs,
            List<Measurement> measured,
            int learnerOverlap,
            int solutionOverlap,
            boolean causeNamed) {
        Measurement learner = measured.get(0);
        Measurement solution = measured.get(1);
        Measurement baseline = measured.size() > 2 ? measured.get(2) : null;
        out.printf(
                Locale.ROOT,
                "Speed (not part of the verdict): n = %,d, median of %d interleaved rounds, %d cores, %d worker%s%s%n",
                workload.n(),
                learner.runs(),
                cores,
                workers,
                workers == 1 ? "" : "s",
                timedAs == null ? "" : ", " + timedAs);
        for (Measurement row : measured) {
            String speedup = baseline == null || row == baseline
                    ? ""
                    : String.format(Locale.ROOT, "   %.2fx over %s", row.speedupOver(baseline), baseline.lesson());
            out.printf(Locale.ROOT, "  %-13s %10s%s%n", row.lesson(), Report.duration(row.medianNanos()), speedup);
        }
        double ratio = learner.medianNanos() / solution.medianNanos();
        if (learner.sum() != solution.sum()) {
            out.printf(
                    Locale.ROOT,
                    "Your code's sum at n = %,d is %,d, the solution's %,d: the tests missed a case. Tell the facilitator.%n",
                    workload.n(),
                    learner.sum(),
                    solution.sum());
        }
        String versus = ratio >= SpeedAdvice.SLOW_RATIO
                ? String.format(Locale.ROOT, "and takes %.1fx the solution's time", ratio)
                : String.format(Locale.ROOT, "and about as fast as the solution (%.2fx its time)", ratio);
        if (baseline != null) {
            out.printf(
                    Locale.ROOT,
                    "Your code is %.2fx faster than %s on %d cores, %s.%n",
                    learner.speedupOver(baseline),
                    baseline.lesson(),
                    cores,
                    versus);
        } else {
            out.printf(Locale.ROOT, "Your code takes %.2fx the solution's time on %d cores.%n", ratio, cores);
        }
        boolean serial = learnerOverlap == 1 && solutionOverlap > 1;
        if (serial) {
            out.printf(
                    Locale.ROOT,
                    "Its pieces of work never ran at the same time (the solution ran up to %d at once): it used one core at a time.%n",
                    solutionOverlap);
        }
        if ((serial || ratio >= SpeedAdvice.SLOW_RATIO) && causeNamed) {
            out.println("The likely cause is the one named above. See " + pitfallsLink);
        } else if (serial || ratio >= SpeedAdvice.SLOW_RATIO) {
            slowCause.ifPresentOrElse(
                    cause -> out.println("Likely cause in lesson " + id + ": " + cause + ". See " + pitfallsLink),
                    () -> out.println("Compare your code with the lesson's pitfalls: " + pitfallsLink));
        }
    }

    /** The n at which one run of {@code reference} takes about {@code runNanos}: 1, 2 or 5 times a power of ten. */
    static long calibratedN(SumStrategy reference, long runNanos) throws InterruptedException {
        long probe = 10_000_000L;
        Workload workload = Workload.of(probe, SEED);
        long nanos = Long.MAX_VALUE;
        for (int run = 0; run < 4; run++) { // the first runs warm up: the JIT compiles the loop
            long start = System.nanoTime();
            reference.sum(workload);
            nanos = Math.min(nanos, Math.max(1, System.nanoTime() - start));
        }
        double wanted = (double) probe * runNanos / nanos;
        return niceN(wanted);
    }

    /** The nearest of 1, 2, 5 times a power of ten to {@code wanted} (by ratio), from 1e7 to 5e9. */
    static long niceN(double wanted) {
        long best = 10_000_000L;
        for (long power = 10_000_000L; power <= 1_000_000_000L; power *= 10) {
            for (long step : new long[] {1, 2, 5}) {
                long candidate = power * step;
                if (Math.abs(Math.log(candidate / wanted)) < Math.abs(Math.log(best / wanted))) {
                    best = candidate;
                }
            }
        }
        return best;
    }

    /** Records one call on the timeline and returns how many of its pieces ran at once, at most. */
    static int mostAtOnce(SumStrategy strategy, Workload workload) throws InterruptedException {
        Timeline timeline = Timeline.start();
        try {
            timeline.beginCall(0);
            strategy.sum(workload);
            timeline.endCall(workload.n());
        } finally {
            timeline.stop();
        }
        return mostAtOnce(timeline.pieces(0));
    }

    static int mostAtOnce(List<Timeline.Piece> pieces) {
        List<long[]> events = new ArrayList<>();
        for (Timeline.Piece piece : pieces) {
            events.add(new long[] {piece.startNanos(), 1});
            events.add(new long[] {piece.endNanos(), -1});
        }
        // At the same instant an end comes before a start: touching pieces do not overlap.
        events.sort(Comparator.<long[]>comparingLong(event -> event[0]).thenComparingLong(event -> event[1]));
        int now = 0;
        int most = 0;
        for (long[] event : events) {
            now += (int) event[1];
            most = Math.max(most, now);
        }
        return most;
    }

    /** The strategy whose class the learner's files hold; the lesson's first when none does. */
    static Lesson.Strategy learnersStrategy(Lesson lesson, Set<String> learnerClasses) {
        for (Lesson.Strategy strategy : lesson.strategies()) {
            try (SumStrategy instance = strategy.withWorkers().apply(1)) {
                String name = instance.getClass().getName();
                int nested = name.indexOf('$');
                if (learnerClasses.contains(nested < 0 ? name : name.substring(0, nested))) {
                    return strategy;
                }
            }
        }
        return lesson.strategies().getFirst();
    }

    private static Set<String> topLevelClasses(String files) {
        Set<String> classes = new java.util.HashSet<>();
        for (String file : files.split(",")) {
            if (file.endsWith(".java")) {
                classes.add(file.substring(0, file.length() - ".java".length()).replace('/', '.'));
            }
        }
        return classes;
    }

    private static Lesson lesson(ClassLoader loader, String id) {
        return ownLessons(loader).stream()
                .filter(lesson -> lesson.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("lesson " + id + " is not registered in its classes"));
    }

    private static Lesson baseline(ClassLoader loader) {
        return Lesson.baseline(ownLessons(loader))
                .orElseThrow(() -> new IllegalStateException("no baseline lesson is registered in its classes"));
    }

    /* The lessons registered in the loader's own folders, not in its parent's. */
    private static List<Lesson> ownLessons(ClassLoader loader) {
        return ServiceLoader.load(Lesson.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .filter(lesson -> lesson.getClass().getClassLoader() == loader)
                .toList();
    }

    private static URLClassLoader loader(String name, String folders) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String folder : folders.split(java.io.File.pathSeparator)) {
            if (!folder.isBlank()) {
                urls.add(Path.of(folder).toUri().toURL());
            }
        }
        return new URLClassLoader(name, urls.toArray(URL[]::new), SpeedDebrief.class.getClassLoader());
    }
}
