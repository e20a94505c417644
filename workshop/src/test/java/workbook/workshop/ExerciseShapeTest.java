package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExerciseShapeTest {

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    @Test
    void aCopyIsNamed() {
        assertEquals(1, ExerciseShape.copy("ex/A.java", "x", "main/A.java", "x").size());
        assertEquals(List.of(), ExerciseShape.copy("ex/A.java", "x", "main/A.java", "y"));
    }

    @Test
    void aLostCommentLineIsNamedAtTheSolutionsLineAndMarkersDoNotCount() {
        String solution = lines(
                "//SOURCES Sibling.java",
                "class A {",
                "    // why the loop is long",
                "    void a() {",
                "        // BEGIN SOLUTION",
                "        /*",
                "         * the teaching text",
                "         */",
                "        a();",
                "        // END SOLUTION",
                "    }",
                "}");
        String keptAll = lines(
                "//SOURCES ../../../../main/java/Sibling.java",
                "class A {",
                "    // why the loop is long",
                "    void a() {",
                "        // TODO Lesson 09: write it",
                "        /*",
                "         * the teaching text",
                "         */",
                "        throw new UnsupportedOperationException();",
                "    }",
                "}");
        assertEquals(List.of(), ExerciseShape.missingComments("ex/A.java", keptAll, "main/A.java", solution));
        String lost = keptAll.replace("         * the teaching text\n", "");
        List<String> problems = ExerciseShape.missingComments("ex/A.java", lost, "main/A.java", solution);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(
                problems.getFirst().startsWith("main/A.java:7: this comment line is missing from ex/A.java"),
                problems.getFirst());
    }
}
