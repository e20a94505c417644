package workbook.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbook.harness.CommandLineRun;
import workbook.harness.Oracle;
import workbook.harness.Workload;

/*
 * The lesson's command line (./workbook lesson 06, ./jbang ClusterSum.java), as the descriptor
 * wires it: its own options, the member subcommand, and the JSON line that says what ran. Each run
 * that sums starts a cluster of its own on free loopback ports and stops it at the end.
 */
class ClusterLessonTest {

    static CommandLineRun commandLine(String... args) {
        return CommandLineRun.of(new ClusterLesson()::commandLine, args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--tasks 0                | --tasks must be at least 1, was 0",
                "--members 0              | --members must be at least 1, was 0",
                "--workers 0              | --workers must be at least 1, was 0",
                "--engine spark           | expected one of [executor, jet] (case-sensitive) but was 'spark'",
                "--join localhost         | --join wants host:port addresses separated by commas, was 'localhost'",
                "--join 127.0.0.1:70000   | --join wants host:port addresses separated by commas, was '127.0.0.1:70000'",
                "--join 127.0.0.1:5701 --members 3 | --members starts members here; with --join the cluster has its own",
                "member --port 0          | --port must be from 1 to 65535, was 0",
                "member --threads 0       | --threads must be at least 1, was 0",
                "member --join nowhere    | --join wants host:port addresses separated by commas, was 'nowhere'"
            })
    void badInputIsOneLineWithExitCode2AndNoMemberStarts(String args, String expected) {
        int membersBefore = Hazelcast.getAllHazelcastInstances().size();
        List<String> words = new ArrayList<>(List.of(args.strip().split("\\s+")));
        if (!words.getFirst().equals("member")) {
            words.addAll(List.of("--n", "1000"));
        }
        commandLine(words.toArray(String[]::new)).assertRefused(expected);
        assertEquals(membersBefore, Hazelcast.getAllHazelcastInstances().size(), "a member was started");
    }

    /* The value of "name" in a JSON line, as text: 3, "jet", true. */
    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":(\"[^\"]*\"|[^,}]*)").matcher(json);
        assertTrue(value.find(), () -> name + " missing from " + json);
        return value.group(1);
    }

    private static String jsonOf(CommandLineRun run, Workload workload) {
        assertEquals(0, run.exitCode(), run.err());
        String json = run.out().strip();
        assertEquals(1, json.lines().count(), () -> "one JSON line: " + run.out());
        assertEquals(String.valueOf(Oracle.sum(workload)), field(json, "sum"));
        assertEquals("true", field(json, "oracle_agrees"));
        return json;
    }

    @Test
    @Timeout(90)
    void theJsonLineReportsTheMembersTasksAndThreadsThatRan() {
        Workload pagesExample = new Workload(1_000_003, 20261126, -3, 17);
        String json = jsonOf(
                commandLine(
                        "--n",
                        "1000003",
                        "--seed",
                        "20261126",
                        "--lo",
                        "-3",
                        "--hi",
                        "17",
                        "--members",
                        "3",
                        "--workers",
                        "1",
                        "--repeat",
                        "1",
                        "--warmup",
                        "0",
                        "--json",
                        "--verify"),
                pagesExample);
        assertEquals("\"executor\"", field(json, "strategy"));
        assertEquals("3", field(json, "members"));
        assertEquals("12", field(json, "tasks"), "four chunks per member by default");
        assertEquals("1", field(json, "threads_per_member"));
        assertEquals("3", field(json, "workers"), "the threads of all members, not the --workers asked for");
    }

    /*
     * --timeline FILE.jsonl through the lesson's own command line: one line per piece, every piece
     * with its member, and the pieces of each call covering [0, n) once.
     */
    @Test
    @Timeout(90)
    void jetWithATimelineWritesOnePiecePerChunkWithItsMember(@TempDir Path folder) throws Exception {
        Path timeline = folder.resolve("jet.jsonl");
        Workload workload = Workload.of(200_003, 5);
        String json = jsonOf(
                commandLine(
                        "--engine",
                        "jet",
                        "--n",
                        "200003",
                        "--seed",
                        "5",
                        "--members",
                        "2",
                        "--workers",
                        "1",
                        "--tasks",
                        "5",
                        "--repeat",
                        "2",
                        "--warmup",
                        "1",
                        "--json",
                        "--verify",
                        "--timeline",
                        timeline.toString()),
                workload);
        assertEquals("\"jet\"", field(json, "strategy"));
        assertEquals("5", field(json, "tasks"));
        assertEquals("2", field(json, "workers"));
        List<String> pieces = Files.readAllLines(timeline);
        assertEquals(10, pieces.size(), () -> "5 pieces in each of 2 calls:\n" + String.join("\n", pieces));
        for (int call = 0; call < 2; call++) {
            String prefix = "{\"call\":" + call + ",";
            List<long[]> ranges = pieces.stream()
                    .filter(line -> line.startsWith(prefix))
                    .map(line -> new long[] {Long.parseLong(field(line, "from")), Long.parseLong(field(line, "to"))})
                    .sorted((a, b) -> Long.compare(a[0], b[0]))
                    .toList();
            long coveredTo = 0;
            for (long[] range : ranges) {
                assertEquals(coveredTo, range[0], "call " + call + ": a gap or an overlap at " + coveredTo);
                coveredTo = range[1];
            }
            assertEquals(workload.n(), coveredTo, "call " + call + " covers [0, n)");
        }
        assertTrue(
                pieces.stream().allMatch(line -> field(line, "member").startsWith("\"127.0.0.1:")), pieces::toString);
    }

    @Test
    void helpNamesTheLessonsOptionsTheMemberSubcommandAndTheLabs() {
        CommandLineRun run = commandLine("--help");
        assertEquals(0, run.exitCode(), run.err());
        for (String expected : List.of(
                "--engine",
                "--members",
                "--tasks",
                "--join",
                "--verbose",
                "--timeline",
                "member --help",
                "lab 06 cost",
                "lab 06 member-loss")) {
            assertTrue(run.out().contains(expected), () -> expected + " missing from --help:\n" + run.out());
        }
    }

    @Test
    void theMemberSubcommandHasHelpOfItsOwn() {
        CommandLineRun run = commandLine("member", "--help");
        assertEquals(0, run.exitCode(), run.err());
        for (String expected : List.of("--port", "--join", "--bind", "--threads", "Ctrl-C")) {
            assertTrue(run.out().contains(expected), () -> expected + " missing from member --help:\n" + run.out());
        }
    }
}
