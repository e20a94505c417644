package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class WholeNumberTest {

    @ParameterizedTest
    @CsvSource({
        "1000000, 1000000",
        "1_000_000, 1000000",
        "1e6, 1000000",
        "1E9, 1000000000",
        "2.5e3, 2500",
        "-5, -5",
        "0, 0",
        "9e18, 9000000000000000000",
        "9223372036854775807, 9223372036854775807"
    })
    void readsTheWaysPeopleWriteBigNumbers(String text, long expected) {
        assertEquals(expected, WholeNumber.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "1.5", "1e-3", "_1", "1_", "1__0", "1e19", "0x10", "ten"})
    void refusesWhatIsNotAWholeLong(String text) {
        assertThrows(TypeConversionException.class, () -> WholeNumber.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3e9", "-2147483649"})
    void intOptionsRefuseValuesBeyondAnInt(String text) {
        assertThrows(TypeConversionException.class, () -> new WholeNumber.Int().convert(text));
    }
}
