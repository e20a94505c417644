package workbook.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import workbook.harness.Oracle;
import workbook.harness.Workload;

/* The lesson's command line joined to a cluster, timed once with --json --verify, and the check of its output. */
final class JoinedRun {
    private JoinedRun() {}

    static List<String> args(String address, String engine, Workload workload, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--join",
                address,
                "--engine",
                engine,
                "--n",
                Long.toString(workload.n()),
                "--seed",
                Long.toString(workload.seed()),
                "--lo",
                Integer.toString(workload.lo()),
                "--hi",
                Integer.toString(workload.hi()),
                "--repeat",
                "1",
                "--warmup",
                "0",
                "--json",
                "--verify"));
        args.addAll(List.of(more));
        return args;
    }

    /* The JSON line holds the oracle's sum (computed here, in the test's JVM), and --verify agreed. */
    static void assertOracleSum(String output, Workload workload) {
        assertTrue(output.contains("\"sum\":" + Oracle.sum(workload) + ","), output);
        assertTrue(output.contains("\"oracle_agrees\":true"), output);
    }
}
