package workbook.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import workbook.cluster.members.MemberSettings;
import workbook.harness.CommandLineRun;
import workbook.harness.ExitCode;
import workbook.harness.Workload;

/*
 * A cluster the workbook did not start: one member started from the Hazelcast jar alone, with its
 * own starter (HazelcastMemberStarter) and the committed 06-cluster/stock-member.yaml, in a JVM
 * whose class path holds nothing of the workbook. The lesson joins it as a client would: a Jet job
 * brings its classes and gives the oracle's exact sum; the executor, which cannot bring them,
 * fails once with one line that says what to do.
 */
@Tag("separate-jvms") // starts JVMs of its own: worth leaving out of a quick check
class StockMemberTest {
    private static final Duration START_LIMIT = Duration.ofMinutes(2);
    private static final Workload WORKLOAD = new Workload(1_000_003, 20261126, -3, 17);

    private static ChildJvm member;
    private static String address;

    @BeforeAll
    static void startAMemberFromTheHazelcastJarAlone() throws Exception {
        Path hazelcastJar = Path.of(Hazelcast.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        int port = MemberSettings.freeLoopbackPorts(1).getFirst();
        address = MemberSettings.LOOPBACK + ":" + port;
        member = ChildJvm.start(
                "stock member",
                List.of(),
                List.of("-Dhazelcast.config=" + configuredFor(port)),
                hazelcastJar.toString(),
                "com.hazelcast.core.server.HazelcastMemberStarter",
                List.of());
        member.awaitOutput("[" + MemberSettings.LOOPBACK + "]:" + port + " is STARTED", START_LIMIT);
    }

    @AfterAll
    static void stopTheMember() throws InterruptedException {
        if (member != null) {
            member.close();
        }
    }

    @Test
    void aJetJobBringsItsClassesAndGivesTheOracleSum() {
        CommandLineRun run = CommandLineRun.of(
                new ClusterLesson()::commandLine,
                JoinedRun.args(address, "jet", WORKLOAD).toArray(String[]::new));
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JoinedRun.assertOracleSum(run.out(), WORKLOAD);
        // What ran: the one stock member, and the default four chunks per member.
        assertTrue(run.out().contains("\"members\":1,"), run.out());
        assertTrue(run.out().contains("\"tasks\":4,"), run.out());
    }

    @Test
    void theExecutorSaysInOneLineThatTheMembersLackTheWorkbooksClasses() {
        CommandLineRun run = CommandLineRun.of(
                new ClusterLesson()::commandLine,
                "--join",
                address,
                "--engine",
                "executor",
                "--n",
                "1e6",
                "--repeat",
                "1");
        assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(2, lines.size(), () -> "the cluster joined, then one line on the failure; got:\n" + run.err());
        assertTrue(lines.getFirst().startsWith("06-cluster: client of cluster \"workbook\""), run.err());
        assertEquals(
                "06-cluster: failed: IllegalStateException: the members lack the workbook's classes; start them with"
                        + " `./workbook lesson 06 member`, or use `--engine jet`",
                lines.getLast());
        assertFalse(run.err().contains("\tat "), "no stack trace");
        assertEquals("", run.out());
    }

    /* The committed configuration, with this test's port in place of 5701 and only itself to look for. */
    static Path configuredFor(int port) throws Exception {
        Path committed = Files.exists(Path.of("stock-member.yaml"))
                ? Path.of("stock-member.yaml")
                : Path.of("06-cluster", "stock-member.yaml");
        String yaml = Files.readString(committed);
        String memberList = "        member-list:\n"
                + "          - 127.0.0.1:5701\n"
                + "          - 127.0.0.1:5702\n"
                + "          - 127.0.0.1:5703\n";
        assertTrue(yaml.contains("      port: 5701\n") && yaml.contains(memberList), "stock-member.yaml changed shape");
        Path copy = Files.createTempFile("stock-member-", ".yaml");
        copy.toFile().deleteOnExit();
        Files.writeString(
                copy,
                yaml.replace("      port: 5701\n", "      port: " + port + "\n")
                        .replace(memberList, "        member-list:\n          - 127.0.0.1:" + port + "\n"));
        return copy;
    }
}
