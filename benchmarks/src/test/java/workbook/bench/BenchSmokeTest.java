package workbook.bench;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import workbook.harness.Commands;
import workbook.harness.Lesson;
import workbook.harness.Oracle;
import workbook.harness.Workload;

/**
 * Runs the benchmark's quick mode on the lessons this class path holds (the two test fixtures
 * registered in src/test/resources), so the sweep, the page and the pictures never rot. Nothing
 * here is about speed: only that everything was measured, every sum agreed and the files exist.
 */
class BenchSmokeTest {

    @BeforeAll
    static void noDisplayNeeded() {
        Charts.headless();
    }

    private record Outcome(int exitCode, String out, String err) {}

    private static Outcome bench(Supplier<List<Lesson>> lessons, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Commands.wire(new CommandLine(new Bench(lessons, "bench-test", false)));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    @Test
    void quickSweepMeasuresEveryStrategyAtEverySizeInJvmsOfItsOwnWithOracleSums() {
        List<Lesson> lessons = List.of(new TestLoopLesson(), new TestThreadsLesson());
        Sweep.Settings settings =
                new Sweep.Settings(Sizes.decades(1_000, 10_000), List.of(2, 3), 7, Sweep.Budget.QUICK, true, 1);
        Sweep.Result result = new Sweep(settings, Sweep.Listener.NONE).run(lessons);

        assertTrue(result.complete(), () -> "incomplete: " + result.series());
        for (Lesson lesson : lessons) {
            for (Lesson.Strategy strategy : lesson.strategies()) {
                List<Sweep.Series> measured = result.series().stream()
                        .filter(series -> series.config().lessonId().equals(lesson.id())
                                && series.config().strategy().equals(strategy.name()))
                        .toList();
                assertEquals(
                        strategy.usesWorkers() ? 2 : 1, measured.size(), () -> lesson.id() + "/" + strategy.name());
            }
        }
        assertTrue(result.tightLoop().isPresent(), "the harness's tight loop is measured too");
        for (Sweep.Series series : result.series()) {
            assertEquals(
                    settings.sizes(),
                    series.points().stream().map(Sweep.Point::n).toList(),
                    series.config().label());
            for (Sweep.Point point : series.points()) {
                assertEquals(
                        Oracle.sum(Workload.of(point.n(), 7)),
                        point.measurement().sum(),
                        () -> series.config().label() + " at n = " + point.n());
                assertTrue(point.measurement().runs() >= Sweep.Budget.QUICK.minRuns(), "at least the minimum of runs");
                assertTrue(point.measurement().warmup() >= 1, "at least one run thrown away");
                assertEquals(1, point.forkMedians().size(), "each size in a JVM of its own");
            }
        }
    }

    @Test
    void theCallsOfEveryStrategyAtOneSizeAreInterleavedNotRunOneStrategyAfterAnother() {
        List<Lesson> lessons = List.of(new TestLoopLesson(), new TestThreadsLesson());
        Sweep.Settings settings =
                new Sweep.Settings(Sizes.decades(1_000, 10_000), List.of(2), 7, Sweep.Budget.QUICK, false, 2);
        List<String> calls = new ArrayList<>();
        List<String> sizes = new ArrayList<>();
        Sweep.Listener recorder = new Sweep.Listener() {
            @Override
            public void sizeStarted(long n, List<Sweep.Config> configs) {
                sizes.add("start " + n + " " + configs.size());
            }

            @Override
            public void runFinished(Sweep.Config config, long n, long nanos) {
                calls.add(n + " " + config.key());
            }

            @Override
            public void sizeFinished(long n, Map<Sweep.Config, Sweep.Point> points) {
                sizes.add("done " + n + " " + points.size());
            }
        };

        Sweep.Result result = new Sweep(settings, recorder).run(lessons);

        assertTrue(result.complete(), () -> "incomplete: " + result.series());
        assertEquals(List.of("start 1000 3", "done 1000 3", "start 10000 3", "done 10000 3"), sizes);
        for (Sweep.Series series : result.series()) {
            assertEquals(2, series.points().getFirst().forkMedians().size(), "two sets of JVMs");
            for (long n : settings.sizes()) {
                String mine = n + " " + series.config().key();
                int first = calls.indexOf(mine);
                int last = calls.lastIndexOf(mine);
                // Run one strategy after another, a strategy's calls at one n would be one unbroken
                // block; interleaved, every other strategy's calls come between its first and last.
                List<String> between = calls.subList(first, last + 1);
                for (Sweep.Series other : result.series()) {
                    assertTrue(
                            between.contains(n + " " + other.config().key()),
                            () -> other.config().key() + " ran between the calls of " + mine + ": " + calls);
                }
            }
        }
        List<String> sizeOfEachCall =
                calls.stream().map(call -> call.split(" ")[0]).toList();
        int firstLarge = sizeOfEachCall.indexOf("10000");
        assertEquals(
                List.of("1000"),
                sizeOfEachCall.subList(0, firstLarge).stream().distinct().toList(),
                "the small size is done before the large one starts");
        assertEquals(
                List.of("10000"),
                sizeOfEachCall.subList(firstLarge, sizeOfEachCall.size()).stream()
                        .distinct()
                        .toList());
    }

    @Test
    void quickRunWritesThePageAndBothPictures(@TempDir Path docs) throws Exception {
        Outcome outcome = bench(
                () -> List.of(new TestLoopLesson(), new TestThreadsLesson()),
                "--quick",
                "--max-n",
                "1e4",
                "--forks",
                "1",
                "--out",
                docs.toString());

        assertEquals(0, outcome.exitCode(), outcome.err());
        Path page = docs.resolve("results.md");
        String text = Files.readString(page);
        assertAll(
                () -> assertTrue(
                        text.startsWith("<!-- Generated by `bench-test --quick --max-n 1e4 --forks 1 --out "), text),
                () -> assertTrue(text.contains("Quick run"), "a quick page says so"),
                () -> assertTrue(text.contains("| JDK | " + Runtime.version()), "names the JDK"),
                () -> assertTrue(
                        text.contains(Runtime.getRuntime().availableProcessors() + " cores") || text.contains("1 core"),
                        "names the cores"),
                () -> assertTrue(text.contains("### 02-test-threads"), "a section per lesson"),
                () -> assertTrue(text.contains("| 02 thread-per-chunk, 4 workers |"), "the tutorial's 4 workers"),
                () -> assertTrue(text.contains("02 parallel-stream"), "the strategy without a worker knob"),
                () -> assertTrue(text.contains("## The model"), "the fit"),
                () -> assertTrue(text.contains("harness Workload.sumRange"), "the tight loop"),
                () -> assertTrue(
                        text.contains("](img/time-vs-n.png)") && text.contains("](img/speedup-vs-n.png)"),
                        "embeds both pictures"),
                () -> assertFalse(text.contains("wrong sum"), "no wrong sum"),
                () -> assertFalse(text.contains("## Failures"), "no failures"));
        for (String picture : List.of(ResultsPage.TIME_PICTURE, ResultsPage.SPEEDUP_PICTURE)) {
            BufferedImage image = ImageIO.read(docs.resolve(picture).toFile());
            assertNotNull(image, picture + " is a readable PNG");
            assertTrue(image.getWidth() >= 800 && image.getHeight() >= 400, picture + " has a useful size");
        }
        assertTrue(outcome.out().contains("wrote"), outcome.out());
    }

    @Test
    void markdownPrintsOnlyTheSweepTableOfTheChosenLessons(@TempDir Path untouched) {
        Outcome outcome = bench(
                Lesson::discover,
                "--quick",
                "--forks",
                "1",
                "--max-n",
                "1e4",
                "--markdown",
                "--lesson",
                "2",
                "--workers",
                "2",
                "--out",
                untouched.toString());

        assertEquals(0, outcome.exitCode(), outcome.err());
        List<String> lines = outcome.out().lines().toList();
        assertEquals("| n | 01 loop | 02 thread-per-chunk, 2 workers | 02 parallel-stream |", lines.get(0));
        assertTrue(lines.get(2).startsWith("| 1e3 | "), lines.get(2));
        assertTrue(lines.get(3).startsWith("| 1e4 | "), lines.get(3));
        assertTrue(outcome.out().contains("Measured by `bench-test --quick"), "a caption says where");
        assertFalse(outcome.out().contains("sumRange"), "the tight loop is for the results page only");
        assertFalse(Files.exists(untouched.resolve("results.md")), "--markdown writes no files");
    }

    @Test
    void jsonIsOneObjectPerStrategyWorkersAndSizeWithItsJvmsAndTheOraclesVerdict(@TempDir Path untouched) {
        Outcome outcome = bench(
                () -> List.of(new TestLoopLesson(), new TestThreadsLesson()),
                "--quick",
                "--forks",
                "2",
                "--min-n",
                "1e3",
                "--max-n",
                "1e4",
                "--workers",
                "2",
                "--json",
                "--out",
                untouched.toString());

        assertEquals(0, outcome.exitCode(), outcome.err());
        List<String> lines = outcome.out().lines().toList();
        // The baseline, the thread per chunk with 2 workers and the parallel stream, at two sizes each.
        assertEquals(6, lines.size(), outcome.out());
        String first = lines.getFirst();
        assertTrue(
                first.startsWith("{\"lesson\":\"01-test-loop\",\"strategy\":\"loop\",\"workers\":1,\"n\":1000,"),
                first);
        for (String field :
                List.of("\"median_ms\":", "\"min_ms\":", "\"max_ms\":", "\"forks\":2,", "\"fork_medians_ms\":[")) {
            assertTrue(first.contains(field), field + " in " + first);
        }
        assertTrue(first.contains("\"sum\":" + Oracle.sum(Workload.of(1_000, 42)) + ",\"oracle_agrees\":true,"), first);
        assertTrue(first.contains("\"speedup\":1.0,"), "the baseline over itself: " + first);
        assertTrue(lines.get(2).contains("\"strategy\":\"thread-per-chunk\",\"workers\":2,\"n\":1000,"), lines.get(2));
        assertFalse(Files.exists(untouched.resolve("results.md")), "--json writes no files");
    }

    @Test
    void aWrongSumFailsTheRunAndIsNamedOnThePage(@TempDir Path docs) throws Exception {
        Outcome outcome = bench(
                () -> List.of(new TestLoopLesson(), new OffByOneLesson()),
                "--quick",
                "--max-n",
                "1e4",
                "--forks",
                "1",
                "--out",
                docs.toString());

        assertEquals(1, outcome.exitCode());
        String text = Files.readString(docs.resolve("results.md"));
        assertTrue(text.contains("**wrong sum**"), text);
        assertTrue(text.contains("## Failures") && text.contains("03 off-by-one: sums differ from the oracle"), text);
        assertTrue(text.contains("- [ ] **short:** every sum matched the oracle"), text);
    }

    @Test
    void aStrategyThatThrowsIsReportedAndTheOthersAreStillMeasured(@TempDir Path docs) throws Exception {
        Outcome outcome = bench(
                () -> List.of(new TestLoopLesson(), new BrokenLesson()),
                "--quick",
                "--forks",
                "1",
                "--max-n",
                "1e4",
                "--workers",
                "2",
                "--out",
                docs.toString());

        assertEquals(1, outcome.exitCode());
        String text = Files.readString(docs.resolve("results.md"));
        assertTrue(
                text.contains("04 broken: at n = 1e3: ForkFailed: the JVM of 04 broken failed: IllegalStateException:"
                        + " worker lost"),
                text);
        assertTrue(text.contains("| 04 thread-per-chunk, 2 workers |"), "the next strategy still ran");
    }

    @Test
    void badOptionsGetOneLineAndExitCodeTwo(@TempDir Path docs) {
        Outcome zeroWorkers = bench(Lesson::discover, "--workers", "0", "--out", docs.toString());
        Outcome noSuchLesson = bench(Lesson::discover, "--lesson", "07", "--out", docs.toString());
        Outcome backwards = bench(Lesson::discover, "--min-n", "1e6", "--max-n", "1e3", "--out", docs.toString());

        assertAll(
                () -> assertEquals(2, zeroWorkers.exitCode()),
                () -> assertEquals(
                        "bench: --workers must be at least 1, was 0 (see --help)",
                        zeroWorkers.err().strip()),
                () -> assertEquals(2, noSuchLesson.exitCode()),
                () -> assertTrue(
                        noSuchLesson.err().startsWith("bench: no lesson '07'; there are 01, 02, 03, 04 (see --help)"),
                        noSuchLesson.err()),
                () -> assertEquals(2, backwards.exitCode()),
                () -> assertTrue(
                        backwards.err().contains("--max-n must be at least --min-n (1e6), was 1e3"), backwards.err()),
                () -> assertFalse(Files.exists(docs.resolve("results.md")), "nothing written"));
    }
}
