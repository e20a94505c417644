package workbook.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The score is added up right over modules, the equivalents list leaves out exactly its rows, bad input is one line. */
class MutationScoreTest {

    @TempDir
    Path root;

    private record Outcome(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    /** The score over every MODULE/target/pit-reports/mutations.xml under root, as ./workbook mutants reads them. */
    private Outcome run(Path list, int minimum) throws IOException {
        List<Path> reports;
        try (var modules = Files.list(root)) {
            reports = modules.map(module -> module.resolve("target/pit-reports/mutations.xml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
        StringWriter out = new StringWriter();
        List<MutationScore.Equivalent> equivalents = list == null ? List.of() : MutationScore.readEquivalents(list);
        int exitCode = MutationScore.report(reports, equivalents, minimum, new PrintWriter(out));
        return new Outcome(exitCode, out.toString(), "");
    }

    /** One mutant of a report, as PIT 1.22 writes it. */
    private static String mutation(
            boolean detected, String status, String clazz, String method, int line, String mutator, String what) {
        return """
                <mutation detected='%s' status='%s' numberOfTestsRun='1'>\
                <sourceFile>X.java</sourceFile><mutatedClass>%s</mutatedClass><mutatedMethod>%s</mutatedMethod>\
                <methodDescription>()V</methodDescription><lineNumber>%d</lineNumber>\
                <mutator>org.pitest.mutationtest.engine.gregor.mutators.%sMutator</mutator>\
                <indexes><index>7</index></indexes><blocks><block>1</block></blocks>\
                <killingTest/><description>%s</description></mutation>
                """.formatted(detected, status, clazz, method, line, mutator, what);
    }

    private Path report(String module, String... mutations) throws IOException {
        Path file = root.resolve(module).resolve("target/pit-reports/mutations.xml");
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mutations partial=\"false\">\n"
                        + String.join("", mutations) + "</mutations>\n");
        return file;
    }

    private Path equivalents(String... rows) throws IOException {
        Path file = root.resolve("equivalent-mutants.md");
        Files.writeString(
                file,
                "# Mutants no test can kill\n\nSome prose | with a bar.\n\n"
                        + "| Class | Method | Mutator | Mutation | Why |\n|---|---|---|---|---|\n"
                        + String.join("\n", rows) + "\n");
        return file;
    }

    /* harness: 3 detected (killed, timed out, crashed) of 5; 01: 1 of 2, its survivor an equivalent exit. */
    private void twoModules() throws IOException {
        report(
                "harness",
                mutation(true, "KILLED", "workbook.harness.A", "f", 3, "Math", "Replaced long addition"),
                mutation(true, "TIMED_OUT", "workbook.harness.A", "g", 4, "Increments", "Changed increment"),
                mutation(true, "MEMORY_ERROR", "workbook.harness.B", "h", 5, "Math", "x"),
                mutation(false, "SURVIVED", "workbook.harness.B", "h", 6, "ConditionalsBoundary", "changed boundary"),
                mutation(false, "NO_COVERAGE", "workbook.harness.C", "k", 9, "VoidMethodCall", "removed call"));
        report(
                "01-sequential",
                mutation(true, "KILLED", "workbook.sequential.S", "sum", 1, "Math", "y"),
                mutation(
                        false,
                        "SURVIVED",
                        "workbook.sequential.S",
                        "main",
                        2,
                        "VoidMethodCall",
                        "removed call to java/lang/System::exit"));
    }

    @Test
    void everySurvivorIsListedThenEachModuleAndLastTheScoreRoundedDown() throws IOException {
        twoModules();
        Outcome outcome = run(null, 0);
        assertEquals(0, outcome.exitCode(), outcome.err());
        List<String> lines = outcome.lines();
        assertEquals(
                List.of(
                        "SURVIVED    01-sequential workbook.sequential.S.main:2: removed call to java/lang/System::exit"
                                + " (VoidMethodCall)",
                        "01-sequential         50% (1 of 2 killed, 0 equivalent left out)",
                        "SURVIVED    harness workbook.harness.B.h:6: changed boundary (ConditionalsBoundary)",
                        "NO_COVERAGE harness workbook.harness.C.k:9: removed call (VoidMethodCall)",
                        "harness               60% (3 of 5 killed, 0 equivalent left out)",
                        "mutation score: 57% (4 of 7 killed)"),
                reorderedByModule(lines),
                outcome.out());
        assertEquals("mutation score: 57% (4 of 7 killed)", lines.getLast(), "4/7 = 57.1%: the last line");
    }

    /* The modules are read in name order; group each module's survivors above its line for the comparison. */
    private static List<String> reorderedByModule(List<String> lines) {
        List<String> survivors = lines.stream()
                .filter(line -> line.startsWith("SURVIVED") || line.startsWith("NO_"))
                .toList();
        List<String> modules = lines.stream()
                .filter(line -> line.contains("equivalent left out"))
                .toList();
        List<String> ordered = new java.util.ArrayList<>();
        for (String module : modules) {
            String name = module.substring(0, module.indexOf(' '));
            survivors.stream().filter(line -> line.contains(" " + name + " ")).forEach(ordered::add);
            ordered.add(module);
        }
        ordered.add(lines.getLast());
        return ordered;
    }

    @Test
    void anEquivalentRowLeavesItsMutantOutOfTheCountAndNothingElse() throws IOException {
        twoModules();
        Path list = equivalents(
                "| `*` | `main` | `VoidMethodCall` | `removed call to java/lang/System::exit` | An exit in the test"
                        + " JVM would end the test run. |");
        Outcome outcome = run(list, 0);
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(
                outcome.out().contains("01-sequential        100% (1 of 1 killed, 1 equivalent left out)"),
                outcome.out());
        assertFalse(outcome.out().contains("System::exit"), "an equivalent is not listed as a survivor");
        assertEquals("mutation score: 66% (4 of 6 killed)", outcome.lines().getLast(), "2/3 rounds down to 66");
    }

    @Test
    void aStarAtTheEndOfACellMatchesWhatStartsWithTheRest() throws IOException {
        twoModules();
        Path list = equivalents("| `workbook.harness.*` | `*` | `*` | `removed*` | Any reason. |");
        Outcome outcome = run(list, 0);
        assertTrue(outcome.out().contains("harness               75% (3 of 4 killed, 1 equivalent left out)"));
        assertTrue(outcome.out().contains("changed boundary"), "the other survivor is still counted");
    }

    @Test
    void aDetectedMutantIsNeverLeftOutEvenWhenARowMatchesIt() throws IOException {
        report("harness", mutation(true, "KILLED", "workbook.harness.A", "f", 3, "Math", "Replaced"));
        Path list = equivalents("| `workbook.harness.A` | `f` | `Math` | `Replaced` | Wrongly listed. |");
        Outcome outcome = run(list, 0);
        assertTrue(
                outcome.out()
                        .contains("note: no surviving mutant matches the equivalent workbook.harness.A.f Math"
                                + " \"Replaced\": remove the row"),
                outcome.out());
        assertEquals("mutation score: 100% (1 of 1 killed)", outcome.lines().getLast());
    }

    @Test
    void aRowForAClassThisRunDidNotMutateIsNotCalledStale() throws IOException {
        twoModules();
        Path list = equivalents(
                "| `workbook.threads.T` | `stop` | `VoidMethodCall` | `removed call` | Only CPU time differs. |",
                "| `workbook.harness.A` | `nothing` | `Math` | `x` | A row that matches nothing. |");
        Outcome outcome = run(list, 0);
        assertFalse(outcome.out().contains("workbook.threads.T"), outcome.out());
        assertTrue(
                outcome.out().contains("note: no surviving mutant matches the equivalent workbook.harness.A.nothing"),
                outcome.out());
    }

    @Test
    void belowTheBarExitsWithOneAndStillPrintsTheScore() throws IOException {
        twoModules();
        assertEquals(1, run(null, 58).exitCode());
        Outcome atTheBar = run(null, 57);
        assertEquals(0, atTheBar.exitCode());
        assertEquals("mutation score: 57% (4 of 7 killed)", atTheBar.lines().getLast());
    }

    @Test
    void noMutantAtAllIsAFullScore() throws IOException {
        report("harness");
        Outcome outcome = run(null, 100);
        assertEquals(0, outcome.exitCode());
        assertEquals("mutation score: 100% (0 of 0 killed)", outcome.lines().getLast());
    }

    @Test
    void aReportOrAListThatCannotBeReadIsRefusedNamingTheFile() throws IOException {
        Path notXml = root.resolve("m/target/pit-reports/mutations.xml");
        Files.createDirectories(notXml.getParent());
        Files.writeString(notXml, "not xml");
        IllegalStateException notPit = assertThrows(IllegalStateException.class, () -> run(null, 0));
        assertTrue(notPit.getMessage().startsWith(notXml + " is not a PIT mutations.xml"), notPit.getMessage());
        Files.delete(notXml);
        assertTrue(assertThrows(IllegalStateException.class, () -> run(null, 0))
                .getMessage()
                .startsWith("no PIT report"));
        Path noReason = equivalents("| `workbook.harness.A` | `f` | `Math` | `x` |  |");
        assertTrue(assertThrows(IllegalStateException.class, () -> MutationScore.readEquivalents(noReason))
                .getMessage()
                .contains(": a row needs class, method, mutator, mutation and its reason"));
        assertTrue(
                assertThrows(IllegalStateException.class, () -> MutationScore.readEquivalents(root.resolve("none.md")))
                        .getMessage()
                        .startsWith("no equivalents list at "));
    }

    @Test
    void theMutatorIsNamedAsTheListWritesIt() {
        assertEquals(
                "VoidMethodCall",
                MutationScore.shortMutator("org.pitest.mutationtest.engine.gregor.mutators.VoidMethodCallMutator"));
        assertEquals(
                "experimental.MemberVariable".substring(13),
                MutationScore.shortMutator(
                        "org.pitest.mutationtest.engine.gregor.mutators.experimental.MemberVariableMutator"));
        assertEquals("RemoveConditional_ORDER_IF", MutationScore.shortMutator("RemoveConditional_ORDER_IF"));
        assertEquals("code", MutationScore.unquote(" `code` "));
        assertEquals("`", MutationScore.unquote("`"));
    }
}
