package workbook.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What measure-docs --check calls a moved figure: cell by cell, in the same unit, more than the limit. */
class MovedCellsTest {
    private static final List<String> PAGE = List.of(
            "**Threshold sweep.** n = 1,000,000,000 numbers.",
            "",
            "| threshold | median | speedup | efficiency |",
            "|---|---:|---:|---:|",
            "| 1,000 | 1.35 s | 1.94x | 97 % |",
            "| 100,000 | 780.0 ms | 2.00x | 100 % |",
            "",
            "Sums: all 2 agree.");

    @Test
    void figuresWithinTheLimitAreNotListedAndOthersAreWithBothValues() {
        List<String> run = List.of(
                "**Threshold sweep.** n = 1,000,000,000 numbers.",
                "",
                "| threshold | median | speedup | efficiency |",
                "|---|---:|---:|---:|",
                "| 1,000 | 1.41 s | 1.70x | 85 % |",
                "| 100,000 | 0.80 s | 2.01x | 100 % |");
        assertEquals(
                List.of(
                        "table 1, row '1,000', column 'speedup': 1.94x, now 1.70x (-12 %)",
                        "table 1, row '1,000', column 'efficiency': 97 %, now 85 % (-12 %)"),
                MovedCells.moved(PAGE, run, 0.10));
    }

    @Test
    void durationsAreComparedInOneUnitAndOnlyFiguresOfOneKindAreCompared() {
        assertEquals(Optional.of(0.0), MovedCells.change("1.5 s", "1500.0 ms"));
        assertEquals(Optional.of(-0.5), MovedCells.change("2.0 µs", "1000 ns"));
        assertEquals(Optional.empty(), MovedCells.change("1.5 s", "1.5x"), "a time is not a ratio");
        assertEquals(Optional.empty(), MovedCells.change("fork-join", "fork-join"), "words are not figures");
        assertEquals(Optional.of(0.25), MovedCells.change("**2.00x**", "2.50x"), "bold is not part of a figure");
    }

    @Test
    void aTableThatChangedItsShapeIsNamedAsAWhole() {
        List<String> run = List.of("| threshold | median |", "|---|---:|", "| 1,000 | 1.35 s |");
        assertEquals(List.of("table 1 (threshold | median) changed its shape"), MovedCells.moved(PAGE, run, 0.10));
        assertEquals(List.of("the block now has 0 tables, it had 1"), MovedCells.moved(PAGE, List.of("gone"), 0.10));
    }
}
