package workbook.simd.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbook.harness.CommonOptions;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Measurement;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Timer;
import workbook.harness.Workload;
import workbook.simd.SimdSum;

/*
 * Lab 07 accumulators: lesson 07's strategy with 1, 2 and 4 accumulators, on the lanes of one core
 * and on --workers cores, beside the scalar loop every other lesson runs (the harness's
 * Workload.sumRange, on the calling thread). All are timed side by side in interleaved rounds, so a
 * slow minute on a shared machine slows them alike.
 *
 * What to look for: the speedup of one worker's lanes over the scalar loop (the width of the
 * vectors, less what the mixing costs in lanes); whether 2 accumulators beat 1 (here the steps do
 * not wait on the multiplies, so little); and 4, where the JIT stops inlining (LaneKernel's and
 * UnrolledKernels' comments say why).
 */
@Command(
        name = "accumulators",
        header = "the vector kernel with 1, 2 and 4 accumulators, on one core and on --workers, beside the scalar loop",
        description = "Times lesson 07's strategy with 1, 2 and 4 accumulators on 1 worker and on --workers workers,"
                + " and the scalar loop (Workload.sumRange) on one thread, side by side in interleaved rounds.")
public final class Accumulators implements Lab {
    static final String SCALAR = "scalar loop (Workload.sumRange)";

    @Mixin
    CommonOptions options = new CommonOptions(CommonOptions.Defaults.LAB);

    /** One line of the table: a kernel, its knobs (0 accumulators: the scalar loop), and its timed runs. */
    public record Row(String kernel, int workers, int accumulators, Measurement measurement) {}

    @Override
    public void run(LabReport report) throws InterruptedException {
        Workload workload = options.validate();
        List<Row> rows = rows(workload, options.workers(), options.warmup(), options.repeat());
        Measurement scalar = rows.getFirst().measurement();
        LabTable table = report.add(LabTable.titled("Vector lanes and accumulators")
                .workload(workload)
                .measured(
                        "median of " + options.repeat() + " interleaved rounds after " + options.warmup() + " warm-up")
                .columns(
                        "kernel",
                        "workers",
                        "accumulators",
                        "median",
                        "ns per number",
                        "speedup over the scalar loop"));
        for (Row row : rows) {
            Measurement m = row.measurement();
            table.row(
                    row.kernel(),
                    row.workers(),
                    row.accumulators() == 0 ? "-" : row.accumulators(),
                    Report.duration(m.medianNanos()),
                    String.format(Locale.ROOT, "%.3f", m.nsPerNumber()),
                    String.format(Locale.ROOT, "%.2fx", m.speedupOver(scalar)));
            table.sum(row.kernel() + " " + row.workers() + "/" + row.accumulators(), workload, m.sum());
        }
    }

    /** The scalar loop and every (workers, accumulators) pair, measured side by side. */
    public static List<Row> rows(Workload workload, int workers, int warmup, int repeat) throws InterruptedException {
        List<Row> shapes = new ArrayList<>();
        shapes.add(new Row(SCALAR, 1, 0, null));
        for (int workerCount : workers > 1 ? new int[] {1, workers} : new int[] {1}) {
            for (int accumulators : new int[] {1, 2, 4}) {
                shapes.add(new Row("simd", workerCount, accumulators, null));
            }
        }
        List<Timer.Contender> contenders = new ArrayList<>();
        for (Row shape : shapes) {
            SumStrategy strategy = shape.kernel().equals(SCALAR)
                    ? w -> w.sumRange(0, w.n())
                    : new SimdSum(shape.workers(), shape.accumulators());
            String name = shape.kernel() + ", " + shape.accumulators() + " accumulators";
            contenders.add(new Timer.Contender("07-simd", name, strategy, shape.workers()));
        }
        try {
            List<Measurement> measured = Timer.measureInterleaved(contenders, workload, warmup, repeat, round -> {});
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < shapes.size(); i++) {
                Row shape = shapes.get(i);
                rows.add(new Row(shape.kernel(), shape.workers(), shape.accumulators(), measured.get(i)));
            }
            return rows;
        } finally {
            contenders.forEach(contender -> contender.strategy().close());
        }
    }
}
