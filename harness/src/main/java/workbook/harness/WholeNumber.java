package workbook.harness;

import java.math.BigDecimal;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads whole numbers the way people write big ones: {@code 1000000}, {@code 1_000_000} and
 * {@code 1e6} all mean a million. A fraction ({@code 1.5}) or anything that is not a number is
 * refused with a message that quotes it.
 */
public final class WholeNumber implements ITypeConverter<Long> {

    @Override
    public Long convert(String text) {
        return parse(text);
    }

    public static long parse(String text) {
        String digits = text.strip().replace("_", "");
        if (digits.isEmpty() || text.startsWith("_") || text.endsWith("_") || text.contains("__")) {
            throw new TypeConversionException("'" + text + "' is not a whole number (write 1000000, 1_000_000 or 1e6)");
        }
        try {
            return new BigDecimal(digits).longValueExact();
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a whole number (write 1000000, 1_000_000 or 1e6)");
        } catch (ArithmeticException e) {
            throw new TypeConversionException("'" + text + "' is not a whole number that fits in a long");
        }
    }

    /** The same, for options that hold an int. */
    public static final class Int implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            long value = parse(text);
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new TypeConversionException("'" + text + "' does not fit in an int (from " + Integer.MIN_VALUE
                        + " to " + Integer.MAX_VALUE + ")");
            }
            return (int) value;
        }
    }
}
