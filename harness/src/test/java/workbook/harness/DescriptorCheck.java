package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/**
 * The checks every lesson's descriptor must pass, for a lesson's {@code @TestFactory}:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> descriptor() {
 *     return DescriptorCheck.of(new ThreadsAndQueueLesson()).tests();
 * }
 * }</pre>
 *
 * What {@code ./workbook list} and {@code run} show must be right: the descriptor is discovered
 * once; its id is the module's number and its module the folder it is built in; its title is one
 * line; every strategy it lists has a name of its own and sums exactly, whatever the workers; and
 * its command line answers {@code --help} under the module's name and reports a verified sum.
 */
public final class DescriptorCheck {
    private final Lesson lesson;

    private DescriptorCheck(Lesson lesson) {
        this.lesson = lesson;
    }

    public static DescriptorCheck of(Lesson lesson) {
        return new DescriptorCheck(lesson);
    }

    public Stream<DynamicNode> tests() {
        String name = lesson.getClass().getSimpleName();
        return Stream.of(
                dynamicTest(name + " is discovered once", this::isDiscoveredOnce),
                dynamicTest(name + " names its own module", this::namesItsOwnModule),
                dynamicTest(name + " has a one-line title", this::hasAOneLineTitle),
                dynamicTest(name + "'s strategies have names of their own and sum exactly", this::strategiesSumExactly),
                dynamicTest(name + "'s command line has the module's name and verifies its sum", this::commandLine));
    }

    private void isDiscoveredOnce() {
        List<Lesson> same = Lesson.discover().stream()
                .filter(found -> found.getClass() == lesson.getClass())
                .toList();
        assertEquals(1, same.size(), "registered in META-INF/services/workbook.harness.Lesson");
        long sameId = Lesson.discover().stream()
                .filter(found -> found.id().equals(lesson.id()))
                .count();
        assertEquals(1, sameId, "no other lesson has the id " + lesson.id());
    }

    private void namesItsOwnModule() throws URISyntaxException {
        assertTrue(lesson.id().matches("[0-9]{2}"), "two digits: " + lesson.id());
        assertTrue(lesson.module().startsWith(lesson.id() + "-"), lesson.module() + " starts with its id");
        // The descriptor is compiled into MODULE/target/classes (or MODULE/target/NAME.jar).
        Path built = Path.of(lesson.getClass()
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        assertEquals(
                lesson.module(),
                built.getParent().getParent().getFileName().toString(),
                "the module is the folder the descriptor is built in: " + built);
    }

    private void hasAOneLineTitle() {
        String title = lesson.title();
        assertFalse(title.isBlank(), "a title to list");
        assertFalse(title.contains("\n"), "one line: " + title);
        assertEquals(title.strip(), title);
    }

    private void strategiesSumExactly() throws InterruptedException {
        List<Lesson.Strategy> strategies = lesson.strategies();
        assertFalse(strategies.isEmpty(), "a lesson teaches at least one strategy");
        Set<String> names = new HashSet<>();
        Workload workload = new Workload(10_007, 20261126, -3, 17);
        long expected = Oracle.sum(workload);
        for (Lesson.Strategy strategy : strategies) {
            assertFalse(strategy.name().isBlank());
            assertTrue(names.add(strategy.name()), "two strategies called " + strategy.name());
            for (int workers = 1; workers <= 3; workers++) {
                try (SumStrategy built = strategy.withWorkers().apply(workers)) {
                    assertEquals(expected, built.sum(workload), strategy.name() + " with " + workers + " workers");
                }
            }
        }
    }

    private void commandLine() {
        CommandLineRun help = CommandLineRun.of(lesson::commandLine, "--help");
        assertEquals(LessonCli.OK, help.exitCode(), help.err());
        assertTrue(help.out().startsWith("Usage: " + lesson.module() + " "), help.out());
        CommandLineRun run = CommandLineRun.of(
                lesson::commandLine, "--n", "10007", "--repeat", "1", "--warmup", "0", "--json", "--verify");
        assertEquals(LessonCli.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("{\"lesson\":\"" + lesson.module() + "\","), run.out());
        assertTrue(run.out().contains("\"oracle_agrees\":true,"), run.out());
    }
}
