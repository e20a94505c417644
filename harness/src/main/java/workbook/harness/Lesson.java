package workbook.harness;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.IntFunction;

/**
 * What a lesson module tells the workbook about itself: its strategies, its command line, and the
 * facts the tools need (whether it is the yardstick, what its timeline's pieces mean, what the
 * workshop says after a DONE, the targets its page states). The tools learn everything about a
 * lesson from here, so a new lesson needs no edit outside its own module, its page and the
 * README's row.
 *
 * <p>A lesson registers one implementation in
 * {@code src/main/resources/META-INF/services/workbook.harness.Lesson}.
 */
public interface Lesson {

    /** The module's folder, which starts with the lesson's two-digit number: "04-forkjoin". */
    String module();

    /** The lesson's number, two digits: "04", the start of its module's name. */
    default String id() {
        return module().substring(0, 2);
    }

    /** One line: what the lesson shows. */
    String title();

    /** The strategies the lesson teaches, in the order it teaches them. */
    List<Strategy> strategies();

    /**
     * Runs the lesson's own command line (what its main method does), writing to {@code out} and
     * {@code err}, and returns the exit code ({@link ExitCode}). The descriptor holds the wiring
     * ({@link LessonCli}), so that the lesson's main file holds only the strategy and its teaching.
     */
    int commandLine(PrintWriter out, PrintWriter err, String... args);

    /** The same on standard output and standard error. */
    default int commandLine(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** True for the yardstick every speedup is measured against (lesson 01); one lesson says so. */
    default boolean baseline() {
        return false;
    }

    /**
     * The kinds of piece this lesson's timeline marks, with what each means, for a chart's legend
     * ({@code "rerun" -> "a chunk summed again (its member left)"}). Plain pieces need no entry.
     */
    default Map<String, String> pieceKinds() {
        return Map.of();
    }

    /** What the workshop says after a learner's DONE; by default only the clock's figures. */
    default Advice advice() {
        return Advice.NONE;
    }

    /** The claims the lesson's page makes about its measurements, which the results page checks. */
    default List<Target> targets() {
        return List.of();
    }

    /**
     * A named way to build the lesson's strategy for a number of workers. {@code usesWorkers} is
     * false for strategies that always run on one thread (lesson 01), whose factory ignores it.
     */
    record Strategy(String name, boolean usesWorkers, IntFunction<SumStrategy> withWorkers) {}

    /**
     * What the workshop's check adds after a DONE, from the lesson that knows its own pitfalls:
     *
     * @param slowCause the likely cause, in a few words, when the learner's code takes 1.3 times
     *     the solution's time or more: a slip that reaches DONE and that a clock can see
     * @param serialCause the likely cause when the learner's pieces of work ran one at a time
     *     (the lesson's parallelism cases fail); the slow cause when empty
     * @param untimedBecause why the debrief does not time this lesson at all, if it does not
     * @param timed the strategy the debrief times, when the lesson's first leaves part of the
     *     learner's code unused (lesson 07 runs two accumulators, the learner writes one)
     */
    record Advice(
            Optional<String> slowCause,
            Optional<String> serialCause,
            Optional<String> untimedBecause,
            Optional<Timed> timed) {
        public static final Advice NONE =
                new Advice(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        /** Advice that names {@code cause} when the learner's code is slow. */
        public static Advice whenSlow(String cause) {
            return NONE.withSlowCause(cause);
        }

        /** A lesson the debrief does not time, and why. */
        public static Advice untimed(String because) {
            return new Advice(Optional.empty(), Optional.empty(), Optional.of(because), Optional.empty());
        }

        public Advice withSlowCause(String cause) {
            return new Advice(Optional.of(cause), serialCause, untimedBecause, timed);
        }

        public Advice whenSerial(String cause) {
            return new Advice(slowCause, Optional.of(cause), untimedBecause, timed);
        }

        public Advice timedAs(String description, IntFunction<SumStrategy> strategy) {
            return new Advice(slowCause, serialCause, untimedBecause, Optional.of(new Timed(description, strategy)));
        }

        /** The cause to name when the pieces ran one at a time: the serial cause, else the slow one. */
        public Optional<String> serialOrSlowCause() {
            return serialCause.or(() -> slowCause);
        }
    }

    /** The strategy the debrief times, built for a worker count, and what it is in a few words. */
    record Timed(String description, IntFunction<SumStrategy> withWorkers) {}

    /** A claim a lesson's page makes about its figures, which the results page checks on every run. */
    sealed interface Target {
        /**
         * With one worker per core, at the largest n, each of the lesson's strategies is at least
         * {@code perCore} times faster than the baseline for every core it uses.
         */
        record Speedup(double perCore) implements Target {}

        /** Parallel pays from this n on: the measured crossover with the baseline is at or below it. */
        record CrossoverBy(long n) implements Target {}

        /** Per number, at most {@code ratio} times the harness's own loop ({@link Workload#sumRange}). */
        record PerNumberWithin(double ratio) implements Target {}
    }

    /** Every lesson on the class path, ordered by id. */
    static List<Lesson> discover() {
        return ServiceLoader.load(Lesson.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(Lesson::id))
                .toList();
    }

    /**
     * The lesson that {@code name} means among {@code lessons}: its number with or without the
     * leading zero ("4", "04") or its module ("04-forkjoin"). Anything else is bad input, and the
     * message lists the lessons there are.
     */
    static Lesson find(List<Lesson> lessons, String name) {
        String wanted = name.strip();
        String id = wanted.matches("[0-9]") ? "0" + wanted : wanted;
        return lessons.stream()
                .filter(lesson -> lesson.id().equals(id) || lesson.module().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no lesson '" + name + "'; there are "
                        + String.join(", ", lessons.stream().map(Lesson::id).toList())));
    }

    /** The yardstick among {@code lessons}, if it is one of them. */
    static Optional<Lesson> baseline(List<Lesson> lessons) {
        return lessons.stream().filter(Lesson::baseline).findFirst();
    }
}
