package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * its command line answers {@code --help} under the module's name and reports, for the README's
 * example, the oracle's sum, verified, and the workers that ran (with the lesson's own fields); and
 * the pieces its {@code --timeline} file records cover [0, n) exactly once in every measured call.
 */
public final class DescriptorCheck {
    private final Lesson lesson;
    private final List<String> jsonFields = new ArrayList<>();

    private DescriptorCheck(Lesson lesson) {
        this.lesson = lesson;
    }

    public static DescriptorCheck of(Lesson lesson) {
        return new DescriptorCheck(lesson);
    }

    /** Text the lesson's --json line must also hold for the README's example on 3 workers: {@code "tasks":3,}. */
    public DescriptorCheck reports(String... fields) {
        jsonFields.addAll(List.of(fields));
        return this;
    }

    public Stream<DynamicNode> tests() {
        String name = lesson.getClass().getSimpleName();
        return Stream.of(
                dynamicTest(name + " is discovered once", this::isDiscoveredOnce),
                dynamicTest(name + " names its own module", this::namesItsOwnModule),
                dynamicTest(name + " has a one-line title", this::hasAOneLineTitle),
                dynamicTest(name + "'s strategies have names of their own and sum exactly", this::strategiesSumExactly),
                dynamicTest(name + "'s command line has the module's name and verifies its sum", this::commandLine),
                dynamicTest(name + "'s --timeline covers every number once", this::timelineTiles));
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
        // The descriptor is compiled below MODULE/target: classes, a jar, or the workshop's own folders.
        Path built = Path.of(lesson.getClass()
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path target = built;
        while (target != null && !String.valueOf(target.getFileName()).equals("target")) {
            target = target.getParent();
        }
        assertTrue(target != null, "built below a target folder: " + built);
        assertEquals(
                lesson.module(),
                target.getParent().getFileName().toString(),
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
        assertEquals(ExitCode.OK, help.exitCode(), help.err());
        assertTrue(help.out().startsWith("Usage: " + lesson.module() + " "), help.out());
        // The README's example, on 3 workers: a lesson on one thread reports 1, whatever was asked.
        CommandLineRun run = CommandLineRun.of(
                lesson::commandLine,
                "--n",
                "1000003",
                "--seed",
                "20261126",
                "--lo",
                "-3",
                "--hi",
                "17",
                "--workers",
                "3",
                "--repeat",
                "1",
                "--warmup",
                "0",
                "--json",
                "--verify");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        String json = run.out().strip();
        assertEquals(1, json.lines().count(), "one JSON line: " + run.out());
        int workers = lesson.strategies().getFirst().usesWorkers() ? 3 : 1;
        List<String> wanted = new ArrayList<>(List.of(
                "{\"lesson\":\"" + lesson.module() + "\",",
                "\"sum\":" + Oracle.sum(new Workload(1_000_003, 20261126, -3, 17)) + ",",
                "\"oracle_agrees\":true,",
                "\"workers\":" + workers + ","));
        wanted.addAll(jsonFields);
        for (String field : wanted) {
            assertTrue(json.contains(field), field + " missing from " + json);
        }
    }

    private static final Pattern PIECE = Pattern.compile(
            "\\{\"call\":(\\d+),\"thread\":\"(.*?)\",\"from\":(\\d+),\"to\":(\\d+),\"start_ns\":(\\d+),\"end_ns\":(\\d+)[,}].*");

    private void timelineTiles() throws IOException {
        long n = 100_003;
        Path file = Files.createTempDirectory("timeline").resolve("pieces.jsonl");
        CommandLineRun run = CommandLineRun.of(
                lesson::commandLine,
                "--n",
                String.valueOf(n),
                "--workers",
                "2",
                "--repeat",
                "2",
                "--warmup",
                "1",
                "--timeline",
                file.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        Map<Integer, List<Timeline.Piece>> calls = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher piece = PIECE.matcher(line);
            assertTrue(piece.matches(), "a piece as the timeline writes it: " + line);
            int call = Integer.parseInt(piece.group(1));
            calls.computeIfAbsent(call, number -> new ArrayList<>())
                    .add(new Timeline.Piece(
                            call,
                            piece.group(2),
                            Long.parseLong(piece.group(3)),
                            Long.parseLong(piece.group(4)),
                            Long.parseLong(piece.group(5)),
                            Long.parseLong(piece.group(6)),
                            Map.of()));
        }
        assertEquals(Set.of(0, 1), calls.keySet(), "the two measured calls, not the warm-up");
        calls.forEach((call, pieces) ->
                assertEquals(Optional.empty(), TimelineCheck.tiles(pieces, n), "call " + call + ": " + pieces));
    }
}
