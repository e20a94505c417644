package workbook.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;

/**
 * Made-up results, as {@link LabReport#time} and {@link LabReport#callCost} give them, for a lab's
 * tests of its table: what the table says of given figures (a spread, a disagreement between
 * JVMs, a note worked out from the medians) is then exact, with no JVM started and nothing timed.
 */
public final class LabResults {
    private LabResults() {}

    /** A row measured in one JVM per element of {@code runsPerJvm} (each JVM's runs, in ns), every run summing {@code sum}. */
    public static Forks.Result timedRuns(
            String name, int workers, Workload workload, long sum, double[]... runsPerJvm) {
        Forks.Contender contender = contender(name, workers);
        List<Measurement> perFork = new ArrayList<>();
        for (double[] runs : runsPerJvm) {
            perFork.add(new Measurement(contender.lesson(), name, workload, workers, sum, 0, runs));
        }
        double[] all =
                List.of(runsPerJvm).stream().flatMapToDouble(DoubleStream::of).toArray();
        return new Forks.Result(
                contender,
                new Measurement(contender.lesson(), name, workload, workers, sum, 0, all),
                perFork,
                Map.of());
    }

    /** The same for a row whose every run took {@code nanosPerJvm[j]} ns in JVM j (one run each). */
    public static Forks.Result timed(String name, int workers, Workload workload, long sum, double... nanosPerJvm) {
        return timedRuns(
                name,
                workers,
                workload,
                sum,
                DoubleStream.of(nanosPerJvm)
                        .mapToObj(nanos -> new double[] {nanos})
                        .toArray(double[][]::new));
    }

    /**
     * A row whose sum varies by design: its runs, in order, summed to {@code sums}, in one JVM per
     * element of {@code runsPerJvm} (each JVM's runs, in ns; as many runs in all as sums).
     */
    public static Forks.Result varying(
            String name, int workers, Workload workload, List<Long> sums, double[]... runsPerJvm) {
        Forks.Contender contender = new Forks.Contender("09", name, workers, new Fork.Recipe(List.of("loop")), true);
        List<Measurement> perFork = new ArrayList<>();
        for (double[] runs : runsPerJvm) {
            perFork.add(new Measurement("09", name, workload, workers, sums.getFirst(), 0, runs));
        }
        double[] all =
                List.of(runsPerJvm).stream().flatMapToDouble(DoubleStream::of).toArray();
        if (all.length != sums.size()) {
            throw new IllegalArgumentException(all.length + " runs for " + sums.size() + " sums");
        }
        return new Forks.Result(
                contender,
                new Measurement("09", name, workload, workers, sums.getFirst(), 0, all),
                perFork,
                Map.of(),
                sums);
    }

    /** A row's cost per call, one JVM per element of {@code medianPerJvm}, each of whose batches cost that much. */
    public static CallCost.ForkedCost cost(String name, long sum, double... medianPerJvm) {
        List<CallCost.PerCall> perFork = DoubleStream.of(medianPerJvm)
                .mapToObj(median -> new CallCost.PerCall(median, median, median, 1))
                .toList();
        double[] sorted = DoubleStream.of(medianPerJvm).sorted().toArray();
        double median = sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return new CallCost.ForkedCost(
                contender(name, 1),
                new CallCost.PerCall(median, sorted[0], sorted[sorted.length - 1], 1),
                perFork,
                sum);
    }

    private static Forks.Contender contender(String name, int workers) {
        return new Forks.Contender("09", name, workers, new Fork.Recipe(List.of("loop")));
    }
}
