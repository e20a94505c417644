package workbook.harness;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

/**
 * An experiment that measures something for a lesson's page: a sweep, a fixed cost, a pitfall
 * shown by running it. Labs live beside a lesson (its {@code lab} subpackage), use the lesson's
 * strategies (never copies of them), and print their results as Markdown tables through
 * {@link LabTable}, so every lab states its machine and runs and checks its sums the same way.
 *
 * <p>A lab is a picocli {@link Command} whose name is the lab's name and whose header is its
 * one-line summary. It takes the shared options with
 * {@code @Mixin CommonOptions options = new CommonOptions(CommonOptions.Defaults.LAB);} and adds
 * its own {@code @Option}s; {@link LabCli} parses them, answers {@code --help}, turns bad input
 * into one line and exit code 2, and prints the tables. It lives in its lesson's {@code lab}
 * subpackage, which tells which lesson it belongs to. Labs are registered in
 * {@code META-INF/services/workbook.harness.Lab} and run with {@code ./workbook lab NN NAME}.
 */
public interface Lab {

    /**
     * The lesson the lab belongs to, two digits: "04". By default the lesson whose descriptor lives
     * in the package above the lab's ({@code workbook.forkjoin} for {@code workbook.forkjoin.lab}).
     */
    default String lesson() {
        String labPackage = getClass().getPackageName();
        String lessonPackage = labPackage.substring(0, Math.max(0, labPackage.lastIndexOf('.')));
        return Lesson.discover().stream()
                .filter(lesson -> lesson.getClass().getPackageName().equals(lessonPackage))
                .map(Lesson::id)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(getClass().getName()
                        + " is a lab, but no lesson's descriptor is in " + lessonPackage + ": put the lab in its"
                        + " lesson's lab subpackage, or override lesson()"));
    }

    /** One line: what the lab measures or shows; by default its {@code @Command(header = ...)}. */
    default String summary() {
        Command command = getClass().getAnnotation(Command.class);
        if (command == null || command.header().length == 0) {
            throw new IllegalStateException(getClass().getName() + " is a lab without a @Command(header = ...)");
        }
        return String.join(" ", command.header());
    }

    /**
     * Runs the lab once its options are parsed, adding its tables to {@code report}. An
     * IllegalArgumentException means bad input (exit 2).
     */
    void run(LabReport report) throws InterruptedException;

    /**
     * The strategies the lab times side by side, for a lab that compares strategies: each row's
     * name, workers, and how to build it. {@link LabReport#time} measures them in JVMs of their
     * own, where {@link ForkChild} rebuilds row i from the same options; so the rows must depend
     * on nothing but the lab's parsed options.
     */
    default List<Row> rows() {
        return List.of();
    }

    /**
     * A strategy a lab compares: its name in the table, its workers, and how to build it. A row
     * whose {@code sumVaries} may return another sum from call to call by design (a race the lab
     * shows); {@link LabReport#time} then keeps every run's own sum instead of refusing it.
     */
    record Row(String name, int workers, Supplier<SumStrategy> build, boolean sumVaries) {
        /** A row whose every call must return the same sum. */
        public Row(String name, int workers, Supplier<SumStrategy> build) {
            this(name, workers, build, false);
        }
    }

    /** The lab's name: its {@code @Command} name, "threshold-sweep". */
    default String name() {
        Command command = getClass().getAnnotation(Command.class);
        if (command == null || command.name().isEmpty() || command.name().equals("<main class>")) {
            throw new IllegalStateException(getClass().getName() + " is a lab without a @Command(name = ...)");
        }
        return command.name();
    }

    /** Every lab on the class path, by lesson, then name. */
    static List<Lab> discover() {
        return ServiceLoader.load(Lab.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(Lab::lesson).thenComparing(Lab::name))
                .toList();
    }
}
