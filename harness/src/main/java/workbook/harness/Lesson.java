package workbook.harness;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.IntFunction;

/**
 * What a lesson module tells the workbook about itself, so that {@code ./workbook run}, the
 * benchmark and the workshop tools find every lesson without a list to keep up to date.
 *
 * <p>A lesson registers one implementation in
 * {@code src/main/resources/META-INF/services/workbook.harness.Lesson}.
 */
public interface Lesson {

    /** Two digits: "01", "02", ... */
    String id();

    /** The module's folder: "01-sequential". */
    String module();

    /** One line: what the lesson shows. */
    String title();

    /** The strategies the lesson teaches, in the order it teaches them. */
    List<Strategy> strategies();

    /**
     * Runs the lesson's own command line (what its main method does), writing to {@code out} and
     * {@code err}, and returns the exit code. The descriptor holds the wiring ({@link LessonCli}),
     * so that the lesson's main file holds only the strategy and its teaching.
     */
    int commandLine(PrintWriter out, PrintWriter err, String... args);

    /** The same on standard output and standard error. */
    default int commandLine(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * A named way to build the lesson's strategy for a number of workers. {@code usesWorkers} is
     * false for strategies that always run on one thread (lesson 01), whose factory ignores it.
     */
    record Strategy(String name, boolean usesWorkers, IntFunction<SumStrategy> withWorkers) {}

    /** Every lesson on the class path, ordered by id. */
    static List<Lesson> discover() {
        return ServiceLoader.load(Lesson.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(Lesson::id))
                .toList();
    }
}
