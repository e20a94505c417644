package workbook.cluster.lab;

import java.util.List;
import java.util.Locale;
import workbook.harness.LabTable;
import workbook.harness.Machine;
import workbook.harness.Report;
import workbook.harness.Workload;

/*
 * The second table of lab 06 cost: the cost model t = start + overhead + n*b/(M*C) evaluated for
 * hosts like this one, from the costs the lab measured.
 */
final class CostModel {
    private static final int[] HOSTS = {2, 4, 8, 16};

    private CostModel() {}

    /* What was measured, in nanoseconds: the cluster start (first, later), the per-job overheads (executor, jet), b. */
    record Costs(double firstStart, double laterStart, List<Double> overheads, double b) {}

    /* The cost model for 2 to 16 hosts like this one, from the costs measured. */
    static LabTable table(Costs costs, Workload large) {
        int cores = Machine.availableCores();
        double executor = costs.overheads().get(0);
        double jet = costs.overheads().get(1);
        double b = costs.b();
        LabTable model = LabTable.titled("The cost model for hosts like this one")
                .measured("t = start + overhead + n*b/(M*C), M hosts of C = " + cores
                        + " cores, from the costs above; \"pays off\": where the cluster gets ahead of one host")
                .columns(
                        "hosts M",
                        "cores M*C",
                        "t(1e9), cluster running",
                        "t(1e12), cluster running",
                        "pays off from n (executor, running)",
                        "(executor, started per job)",
                        "(jet, running)");
        model.row(
                "1 (no cluster)",
                cores,
                Report.duration(1e9 * b / cores),
                Report.duration(1e12 * b / cores),
                "-",
                "-",
                "-");
        for (int hosts : HOSTS) {
            double parallel = (double) hosts * cores;
            model.row(
                    hosts,
                    (long) parallel,
                    Report.duration(executor + 1e9 * b / parallel),
                    Report.duration(executor + 1e12 * b / parallel),
                    roughly(executor * parallel / (b * (hosts - 1))),
                    roughly((costs.firstStart() + executor) * parallel / (b * (hosts - 1))),
                    roughly(jet * parallel / (b * (hosts - 1))));
        }
        return model.note(String.format(
                Locale.ROOT,
                "b = %.3f ns (the plain loop at n = %s), start = %s (the first in a JVM), overhead = %s (executor) or"
                        + " %s (jet). One such host without a cluster takes n*b/C; the cluster pays off from"
                        + " n = overhead*M*C/(b*(M-1)).",
                b,
                Report.grouped(large.n()),
                Report.duration(costs.firstStart()),
                Report.duration(executor),
                Report.duration(jet)));
    }

    /* Two significant digits: a break-even point is an order of magnitude, not a precise count. */
    static String roughly(double n) {
        if (n < 1) {
            return "1";
        }
        double scale = Math.pow(10, Math.floor(Math.log10(n)) - 1);
        return Report.grouped(Math.round(Math.round(n / scale) * scale));
    }
}
