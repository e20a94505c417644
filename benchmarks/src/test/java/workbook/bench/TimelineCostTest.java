package workbook.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import workbook.harness.Commands;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;

/** The cost benchmark runs, checks its sums and refuses bad input; nothing here is about speed. */
class TimelineCostTest {

    private record Outcome(int exitCode, String out, String err) {}

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine =
                Commands.wire(new CommandLine(new TimelineCost(() -> List.of(new TestThreadsLesson()))));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    @Test
    void aSmallRunPrintsTheTableWithTheOraclesSum() {
        Outcome outcome = run("--n", "3e6", "--workers", "3", "--repeat", "2", "--warmup", "0", "--verify");
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().contains("| 3,000,000 | 3 |"), outcome.out());
        long oracle = Oracle.sum(Workload.of(3_000_000, 42));
        assertTrue(outcome.out().contains(Report.grouped(oracle) + " both ways, the oracle's"), outcome.out());
        // Three chunks of a million numbers, each summed in one slice of up to 2^20: three pieces.
        assertTrue(outcome.out().contains("| 3 |\n"), outcome.out());
        assertTrue(outcome.err().contains("round 2/2"), "progress on stderr: " + outcome.err());
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        for (String[] args : new String[][] {{"--n", "-1"}, {"--workers", "0"}, {"--repeat", "0"}, {"--n", "lots"}}) {
            Outcome outcome = run(args);
            assertEquals(2, outcome.exitCode(), String.join(" ", args));
            assertEquals(1, outcome.err().lines().count(), outcome.err());
            assertTrue(outcome.err().contains(args[1]), outcome.err());
        }
    }
}
