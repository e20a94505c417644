package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SharedLinesTest {

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private static final String[] CODE = {
        "long alpha = computeSomething(1, 2, 3);",
        "long beta = computeSomethingElse(alpha, 4);",
        "long gamma = alpha + beta * 17;",
        "String delta = \"hello \" + gamma;",
        "System.out.println(delta.length());",
        "System.out.println(delta.toUpperCase());"
    };

    @Test
    void whatTheRulePassesOver() {
        assertNull(SharedLines.normalized(""));
        assertNull(SharedLines.normalized("   }"));
        assertNull(SharedLines.normalized("});"));
        assertNull(SharedLines.normalized("x"), "shorter than three characters");
        assertNull(SharedLines.normalized("// a comment"));
        assertNull(SharedLines.normalized("/* a block"));
        assertNull(SharedLines.normalized(" * inside a block"));
        assertNull(SharedLines.normalized("import java.util.List;"));
        assertNull(SharedLines.normalized("import static org.junit.Assert.fail;"));
        assertNull(SharedLines.normalized("package workbook.threads;"));
        assertEquals("*/ return x;", SharedLines.normalized("*/ return x;"));
        assertEquals("@Override", SharedLines.normalized("    @Override"));
        assertEquals("int a = 1;", SharedLines.normalized("  int   a =\t1;  "));
        assertEquals("foo(); // trailing", SharedLines.normalized("foo(); // trailing"), "a trailing comment stays");
    }

    @Test
    void sixIdenticalCodeLinesInARowArePairedWithTheirLineNumbers() {
        String first = lines(
                "package a;",
                "",
                "class A {",
                CODE[0],
                CODE[1],
                "// between",
                "",
                CODE[2],
                "}",
                CODE[3],
                CODE[4],
                CODE[5]);
        String second = lines(
                "package b;",
                "import java.util.List;",
                CODE[0],
                CODE[1],
                CODE[2],
                "    }",
                CODE[3],
                "",
                CODE[4],
                "  " + CODE[5]);
        List<SharedLines.Run> runs = SharedLines.between(first, second, 6);
        assertEquals(List.of(new SharedLines.Run(4, 12, 3, 10, 6)), runs);
    }

    @Test
    void fiveLinesAreNoPairAndADifferentLineBreaksTheRun() {
        String five = lines(CODE[0], CODE[1], CODE[2], CODE[3], CODE[4]);
        assertEquals(List.of(), SharedLines.between(five, five, 6));
        String six = lines(CODE);
        String broken = lines(CODE[0], CODE[1], CODE[2], "int changed = 1;", CODE[3], CODE[4], CODE[5]);
        assertEquals(List.of(), SharedLines.between(six, broken, 6));
        String trailing = lines(CODE[0], CODE[1], CODE[2] + " // why", CODE[3], CODE[4], CODE[5]);
        assertEquals(List.of(), SharedLines.between(six, trailing, 6), "a trailing comment makes the line another");
    }

    @Test
    void theFailureMessageNamesBothFilesAndTheirLines() {
        List<String> problems = ExerciseShape.sharedCode("ex/A.java", lines(CODE), "main/A.java", lines(CODE));
        assertEquals(1, problems.size());
        assertTrue(
                problems.getFirst().startsWith("ex/A.java:1-6 repeats main/A.java:1-6 (6 code lines in a row"),
                problems.getFirst());
    }
}
