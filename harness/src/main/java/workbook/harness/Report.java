package workbook.harness;

import java.util.Locale;
import java.util.Map;

/** How measurements are shown: a short report for people, one JSON line for programs. */
public final class Report {
    private Report() {}

    /** The units the workbook writes times in: its symbol, and how many nanoseconds one is. */
    public enum Unit {
        NANOSECONDS("ns", 1),
        MICROSECONDS("µs", 1e3),
        MILLISECONDS("ms", 1e6),
        SECONDS("s", 1e9);

        public final String symbol;
        public final double nanos;

        Unit(String symbol, double nanos) {
            this.symbol = symbol;
            this.nanos = nanos;
        }

        /** The largest unit that leaves {@code nanos} at least 1 of it (nanoseconds below one µs). */
        public static Unit of(double nanos) {
            Unit chosen = NANOSECONDS;
            for (Unit unit : values()) {
                if (Math.abs(nanos) >= unit.nanos) {
                    chosen = unit;
                }
            }
            return chosen;
        }
    }

    /** A duration with a unit that keeps three or four significant digits: "812 ns", "1.43 s". */
    public static String duration(double nanos) {
        if (Double.isNaN(nanos)) {
            return "-";
        }
        Unit unit = Unit.of(nanos);
        String digits =
                switch (unit) {
                    case NANOSECONDS -> "%.0f";
                    case MICROSECONDS, MILLISECONDS -> "%.1f";
                    case SECONDS -> "%.2f";
                };
        return String.format(Locale.ROOT, digits + " " + unit.symbol, nanos / unit.nanos);
    }

    /** A long wait, for a progress line: "1 min 12 s", "8.3 s". */
    public static String elapsed(double nanos) {
        long seconds = (long) (nanos / Unit.SECONDS.nanos);
        return seconds >= 60
                ? seconds / 60 + " min " + seconds % 60 + " s"
                : String.format(Locale.ROOT, "%.1f s", nanos / Unit.SECONDS.nanos);
    }

    /** Always in microseconds, so a column of costs can be compared at a glance: "3.41 µs". */
    public static String micros(double nanos) {
        double micros = nanos / Unit.MICROSECONDS.nanos;
        String digits = Math.abs(micros) < 10 ? "%.2f" : Math.abs(micros) < 100 ? "%.1f" : "%.0f";
        return String.format(Locale.ROOT, digits + " " + Unit.MICROSECONDS.symbol, micros);
    }

    /** 1000003 as "1,000,003": long numbers are read, not counted. */
    public static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    public static String human(Measurement m, Machine machine, boolean usesWorkers, Boolean oracleAgrees) {
        return human(m, machine, usesWorkers, Map.of(), oracleAgrees);
    }

    /** The report, with the strategy's own settings on a line of their own ("threshold 4096, leaves 16"). */
    public static String human(
            Measurement m, Machine machine, boolean usesWorkers, Map<String, Object> settings, Boolean oracleAgrees) {
        Workload w = m.workload();
        StringBuilder out = new StringBuilder();
        out.append(m.lesson()).append(" · ").append(m.strategy()).append('\n');
        out.append(line("numbers", grouped(w.n()) + " in [" + w.lo() + ", " + w.hi() + "], seed " + w.seed()));
        // The strategy's own count, when it says how many threads really ran (its settings).
        Object workersRan = settings.getOrDefault("workers", m.workers());
        out.append(line(
                "workers",
                usesWorkers ? workersRan + " on " + machine.cores() + " cores" : "1 (this lesson runs on one thread)"));
        if (settings.keySet().stream().anyMatch(name -> !name.equals("workers"))) {
            StringBuilder shown = new StringBuilder();
            settings.forEach((name, value) -> {
                if (name.equals("workers")) {
                    return; // on the workers line already
                }
                if (!shown.isEmpty()) {
                    shown.append(", ");
                }
                shown.append(name.replace('_', ' ')).append(' ').append(value);
            });
            out.append(line("settings", shown.toString()));
        }
        out.append(line(
                "sum",
                grouped(m.sum())
                        + String.format(Locale.ROOT, "   (n*(lo+hi)/2 = %.4g: about right)", w.expectedMean())));
        if (oracleAgrees != null) {
            out.append(line("oracle", oracleAgrees ? "agrees (JDK SplittableRandom, one thread)" : "DISAGREES"));
        }
        out.append(line(
                "median time",
                duration(m.medianNanos()) + "   (min " + duration(m.minNanos()) + ", max " + duration(m.maxNanos())
                        + "; " + m.runs() + " runs after " + m.warmup() + " warm-up)"));
        out.append(line("per number", String.format(Locale.ROOT, "%.2f ns", m.nsPerNumber())));
        out.append(line("machine", machine.summary()));
        return out.toString();
    }

    private static String line(String label, String value) {
        return String.format(Locale.ROOT, "  %-12s %s%n", label, value);
    }

    /**
     * One JSON line: the workload, what the strategy says it used ({@code settings}, whose
     * {@code "workers"} replaces the count asked for), the sum and the timings.
     */
    public static Json json(Measurement m, Machine machine, Map<String, Object> settings, Boolean oracleAgrees) {
        Workload w = m.workload();
        Json json = new Json()
                .put("lesson", m.lesson())
                .put("strategy", m.strategy())
                .put("n", w.n())
                .put("seed", w.seed())
                .put("lo", w.lo())
                .put("hi", w.hi())
                .put("workers", m.workers());
        settings.forEach(json::put);
        return json.put("sum", m.sum())
                .put("oracle_agrees", oracleAgrees)
                .put("median_ms", m.medianNanos() / 1e6)
                .put("min_ms", m.minNanos() / 1e6)
                .put("max_ms", m.maxNanos() / 1e6)
                .put("ns_per_number", m.nsPerNumber())
                .put("runs", m.runs())
                .put("warmup", m.warmup())
                .put("cores", machine.cores())
                .put("java", Runtime.version().toString());
    }
}
