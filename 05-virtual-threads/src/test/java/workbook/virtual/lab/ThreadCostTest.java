package workbook.virtual.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbook.harness.CommandLineRun;
import workbook.harness.LabTables;

class ThreadCostTest {

    private static CommandLineRun lab(String... args) {
        return CommandLineRun.ofLab(new ThreadCost(), args);
    }

    @Test
    void theTableHasARowPerKindOfThread() {
        CommandLineRun run = lab("--threads", "200", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<List<String>> rows = LabTables.rows(run.out());
        assertEquals(2, rows.size(), run.out());
        assertEquals("200 virtual", rows.get(0).getFirst());
        assertEquals("200 platform", rows.get(1).getFirst());
        assertEquals("(each its own)", rows.get(1).get(2));
        assertTrue(rows.get(0).get(6).endsWith(" µs"), rows.toString());
        assertTrue(rows.get(1).get(7).endsWith(" µs"), rows.toString());
        assertTrue(run.out().contains("What 200 parked threads hold"), run.out());
    }

    /* The lesson's claim: however many virtual threads wait, they were mounted on at most `cores` carriers. */
    @Test
    void parkedVirtualThreadsShareAtMostOneCarrierPerCore() throws InterruptedException {
        ThreadCost.Parked parked = ThreadCost.park(ThreadCost.Kind.VIRTUAL, 2_000);
        int cores = Runtime.getRuntime().availableProcessors();
        assertTrue(parked.carriers() >= 1 && parked.carriers() <= cores, parked + " on " + cores + " cores");
        assertEquals(2_000, parked.threads());
        assertTrue(parked.startNanosPerThread() > 0, parked.toString());
    }

    /* Each parked platform thread is an operating-system thread of its own: the process has at least that many. */
    @Test
    void parkedPlatformThreadsAreOsThreadsEachAndVirtualOnesAreNot() throws InterruptedException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux's /proc");
        ThreadCost.Parked platform = ThreadCost.park(ThreadCost.Kind.PLATFORM, 1_000);
        assertTrue(platform.osThreads().getAsLong() > 1_000, platform.toString());
        assertTrue(platform.addressBytes().getAsLong() > 1_000 * 64 * 1024L, "a stack reserved each: " + platform);
        ThreadCost.Parked virtual = ThreadCost.park(ThreadCost.Kind.VIRTUAL, 1_000);
        assertTrue(virtual.osThreads().getAsLong() < 1_000, virtual.toString());
        assertTrue(virtual.heapBytes() > 1_000 * 100L, "their frames are on the heap: " + virtual);
    }

    @Test
    void startingAndJoiningReturnsATimePerThreadAndLeavesNoneRunning() throws InterruptedException {
        for (ThreadCost.Kind kind : ThreadCost.Kind.values()) {
            assertTrue(ThreadCost.startAndJoin(kind, 100) > 0, kind.label);
        }
    }

    @Test
    void theProcStatusLinesAreReadInBytes() {
        String status = "Name:\tjava\nVmSize:\t 4000 kB\nVmRSS:\t  120 kB\nThreads:\t31\n";
        ThreadCost.Status read = ThreadCost.Status.parse(status);
        assertEquals(OptionalLong.of(120 * 1024), read.residentBytes());
        assertEquals(OptionalLong.of(4000 * 1024), read.addressBytes());
        assertEquals(OptionalLong.of(31), read.threads());
        assertEquals(
                OptionalLong.empty(), ThreadCost.Status.parse("Name:\tjava\n").threads());
    }

    @Test
    void bytesAndMediansAreShownAsThePageReadsThem() {
        assertEquals("312 B", ThreadCost.bytes(312));
        assertEquals("1.5 KB", ThreadCost.bytes(1536));
        assertEquals("1,028 KB", ThreadCost.bytes(1028 * 1024));
        assertEquals(2.0, ThreadCost.median(new double[] {3, 1, 2}));
        assertEquals(2.5, ThreadCost.median(new double[] {4, 1, 2, 3}));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--threads 0|--threads must be from 1 to 50000, was 0",
                "--threads 50001|--threads must be from 1 to 50000, was 50001",
                "--repeat 0|--repeat must be at least 1, was 0",
                "--warmup -1|--warmup must not be negative, was -1"
            })
    void badInputIsOneLineAndExitCode2(String args, String message) {
        lab(args.split(" ")).assertRefused(message);
    }
}
