package workbook.bench;

import java.util.ArrayList;
import java.util.List;
import workbook.harness.Report;

/** The sizes a sweep visits (decades) and how a size is written in tables ("1e6", "5e8"). */
public final class Sizes {
    private Sizes() {}

    /** A trillion numbers take about half an hour per run on one core: far enough. */
    static final long LARGEST = 1_000_000_000_000L;

    /**
     * Every power of ten from {@code smallest} to {@code largest}; {@code largest} itself is added
     * when it is not a power of ten, so {@code --max-n 3e8} ends at 3e8.
     */
    public static List<Long> decades(long smallest, long largest) {
        if (smallest < 1) {
            throw new IllegalArgumentException("--min-n must be at least 1, was " + smallest);
        }
        if (largest < smallest) {
            throw new IllegalArgumentException(
                    "--max-n must be at least --min-n (" + label(smallest) + "), was " + label(largest));
        }
        if (largest > LARGEST) {
            throw new IllegalArgumentException("--max-n must be at most " + label(LARGEST) + ", was " + label(largest));
        }
        List<Long> sizes = new ArrayList<>();
        long decade = 1;
        while (decade < smallest) {
            decade *= 10;
        }
        if (decade != smallest) {
            sizes.add(smallest);
        }
        for (; decade <= largest; decade *= 10) {
            sizes.add(decade);
        }
        if (sizes.getLast() != largest) {
            sizes.add(largest);
        }
        return List.copyOf(sizes);
    }

    /** "1e6" for a million, "5e8", "1,234" when there is no short form. */
    public static String label(long n) {
        if (n < 10) {
            return Long.toString(n);
        }
        long mantissa = n;
        int exponent = 0;
        while (mantissa % 10 == 0) {
            mantissa /= 10;
            exponent++;
        }
        if (exponent >= 3 && mantissa < 10) {
            return mantissa + "e" + exponent;
        }
        return Report.grouped(n);
    }

    /** The label of a fractional size, such as an interpolated or predicted crossover: "3.2e4". */
    public static String approximate(double n) {
        if (Double.isNaN(n) || Double.isInfinite(n)) {
            return "-";
        }
        if (n < 1000) {
            return String.format(java.util.Locale.ROOT, "%.0f", n);
        }
        int exponent = (int) Math.floor(Math.log10(n));
        double mantissa = n / Math.pow(10, exponent);
        if (mantissa >= 9.95) {
            mantissa /= 10;
            exponent++;
        }
        return String.format(java.util.Locale.ROOT, "%.1fe%d", mantissa, exponent);
    }
}
