package workbook.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import workbook.harness.CommandLineRun;
import workbook.harness.DescriptorCheck;
import workbook.harness.Lab;
import workbook.harness.Lesson;
import workbook.harness.Oracle;
import workbook.harness.Workload;

/** The lesson's command line (./workbook lesson 08, ./jbang SharedTotal.java) and its registration. */
class LimitsLessonTest {

    static CommandLineRun commandLine(String... args) {
        return CommandLineRun.of(new LimitsLesson()::commandLine, args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--share bogus | --share must be one of local, adder, atomic, lock, slots, was 'bogus'",
                "--workers 0   | --workers must be at least 1, was 0",
                "--share lock --workers -2 | --workers must be at least 1, was -2"
            })
    void badInputIsOneLineWithExitCode2(String args, String expected) {
        List<String> words = new ArrayList<>(List.of("--n", "1000"));
        words.addAll(List.of(args.strip().split("\\s+")));
        CommandLineRun run = commandLine(words.toArray(String[]::new));
        run.assertRefused(expected);
        assertTrue(run.err().startsWith("08-limits: "), run.err());
    }

    /* The page's example, for every share: the exact sum, and the JDK's generator agrees. */
    @ParameterizedTest(name = "--share {0}")
    @ValueSource(strings = {"local", "adder", "atomic", "lock", "slots"})
    void everyShareGivesTheOracleSumOnTheJsonLine(String share) {
        CommandLineRun run = commandLine(
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
                "--verify",
                "--share",
                share);
        assertEquals(0, run.exitCode(), run.err());
        String json = run.out().strip();
        assertEquals(1, json.lines().count(), json);
        long oracle = Oracle.sum(new Workload(1_000_003, 20261126, -3, 17));
        assertTrue(json.contains("\"sum\":" + oracle + ","), json);
        assertTrue(json.contains("\"oracle_agrees\":true"), json);
        assertTrue(json.contains("\"strategy\":\"" + share + "\""), json);
    }

    @Test
    void helpNamesTheShareOptionAndTheLabs() {
        CommandLineRun run = commandLine("--help");
        assertEquals(0, run.exitCode(), run.err());
        for (String expected : List.of("--share", "adder", "slots", "--workers", "lab 08 shared-total")) {
            assertTrue(run.out().contains(expected), () -> expected + " missing from --help:\n" + run.out());
        }
    }

    /* ./workbook run and bench time what strategies() lists: the local sums and the adder, nothing slower. */
    @Test
    void runAndBenchFindTheLessonWithItsLocalSumsAndTheAdder() throws Exception {
        Lesson lesson = Lesson.discover().stream()
                .filter(found -> found.id().equals("08"))
                .findFirst()
                .orElseThrow();
        assertEquals("08-limits", lesson.module());
        assertEquals(
                List.of("local", "adder"),
                lesson.strategies().stream().map(Lesson.Strategy::name).toList());
        Workload workload = new Workload(10_007, 1, -4, 9);
        for (Lesson.Strategy strategy : lesson.strategies()) {
            try (var sum = strategy.withWorkers().apply(3)) {
                assertEquals(Oracle.sum(workload), sum.sum(workload), strategy.name());
            }
        }
    }

    @Test
    void theFiveLabsAreRegisteredUnderLesson08() {
        assertEquals(
                List.of("false-sharing", "memory", "serial-part", "shared-total", "uneven-work"),
                Lab.discover().stream()
                        .filter(lab -> lab.lesson().equals("08"))
                        .map(Lab::name)
                        .toList());
    }

    @TestFactory
    Stream<DynamicNode> descriptor() {
        return DescriptorCheck.of(new LimitsLesson()).tests();
    }
}
