package workbook.harness;

import java.util.ArrayList;
import java.util.List;

/** Reads back what a lab printed, for the labs' tests: its tables' rows and its durations. */
public final class LabTables {
    private LabTables() {}

    /** The rows of every table in {@code markdown}, without headers and separators, split into cells. */
    public static List<List<String>> rows(String markdown) {
        List<String> lines = markdown.lines().toList();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean header = i + 1 < lines.size() && lines.get(i + 1).startsWith("|---");
            if (line.startsWith("| ") && !header) {
                rows.add(List.of(line.substring(2, line.length() - 2).split(" \\| ")));
            }
        }
        return rows;
    }

    /** A duration as the labs print it ("1.5 ms", "820 ns") back in nanoseconds. */
    public static double nanos(String duration) {
        String[] parts = duration.split(" ");
        double value = Double.parseDouble(parts[0]);
        return switch (parts[1]) {
            case "ns" -> value;
            case "µs" -> value * 1e3;
            case "ms" -> value * 1e6;
            case "s" -> value * 1e9;
            default -> throw new IllegalArgumentException("not a duration: " + duration);
        };
    }
}
