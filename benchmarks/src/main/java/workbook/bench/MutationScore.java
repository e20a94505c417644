package workbook.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import workbook.harness.ExitCode;

/**
 * {@code ./workbook mutants}' last step: one mutation score over the PIT reports of every module.
 *
 * <p>PIT writes one {@code target/pit-reports/mutations.xml} per module: every mutant with its
 * class, method, line, mutator, a description ("changed conditional boundary") and whether a test
 * detected it. This command adds them up, leaves out the mutants that the equivalents list
 * ({@code docs/equivalent-mutants.md}) names as ones no test can tell from the original, prints
 * every survivor that is left and one line per module, and ends with the line CI and readers look
 * at:
 *
 * <pre>mutation score: 87% (612 of 703 killed)</pre>
 *
 * The percentage is rounded down, so a score just under a bar never reads as reaching it. A row of
 * the list that matches no survivor is reported, so the list cannot go on hiding a mutant that a
 * test now kills or that no longer exists.
 */
public final class MutationScore {

    /** One mutant as PIT reports it; {@code detected} covers killed, timed out and crashed alike. */
    record Mutant(
            String module,
            String clazz,
            String method,
            int line,
            String mutator,
            String description,
            String status,
            boolean detected) {}

    /**
     * A row of the equivalents list. A mutant matches when its class, method, mutator and
     * description all match: {@code *} stands for anything, a value ending in {@code *} for
     * anything that starts with the rest. Lines are left out on purpose, so that an edit elsewhere
     * in a file does not make the list stale.
     */
    public record Equivalent(String clazz, String method, String mutator, String description, String reason) {

        boolean matches(Mutant mutant) {
            return fits(clazz, mutant.clazz())
                    && fits(method, mutant.method())
                    && fits(mutator, mutant.mutator())
                    && fits(description, mutant.description());
        }

        static boolean fits(String pattern, String value) {
            return pattern.endsWith("*")
                    ? value.startsWith(pattern.substring(0, pattern.length() - 1))
                    : pattern.equals(value);
        }

        String shown() {
            return clazz + "." + method + " " + mutator + " \"" + description + "\"";
        }
    }

    /** The counts of one module: detected, counted (detected or surviving), left out as equivalent. */
    private static final class Tally {
        int detected;
        int counted;
        int equivalent;
    }

    private MutationScore() {}

    /**
     * Reads {@code reports} (each a module's target/pit-reports/mutations.xml), leaves out the
     * survivors that {@code equivalents} match, prints every survivor left, a line per module and, last, the score; returns 1 when the
     * score is below {@code minimum} percent.
     */
    public static int report(List<Path> reports, List<Equivalent> equivalents, int minimum, PrintWriter out)
            throws IOException {
        if (reports.isEmpty()) {
            throw new IllegalStateException("no PIT report (MODULE/target/pit-reports/mutations.xml) to read");
        }
        List<Mutant> mutants = new ArrayList<>();
        for (Path report : reports) {
            mutants.addAll(readReport(report));
        }
        return summarize(mutants, equivalents, minimum, out);
    }

    /** Prints the survivors, the stale rows of the list and the score; returns the exit code. */
    static int summarize(List<Mutant> mutants, List<Equivalent> equivalents, int minimum, PrintWriter out) {
        Map<String, Tally> perModule = new LinkedHashMap<>();
        int[] matchesPerRow = new int[equivalents.size()];
        for (Mutant mutant : mutants) {
            Tally tally = perModule.computeIfAbsent(mutant.module(), module -> new Tally());
            int row = mutant.detected() ? -1 : firstMatch(equivalents, mutant);
            if (row >= 0) {
                matchesPerRow[row]++;
                tally.equivalent++;
                continue;
            }
            tally.counted++;
            if (mutant.detected()) {
                tally.detected++;
            } else {
                out.printf(
                        Locale.ROOT,
                        "%-11s %s %s.%s:%d: %s (%s)%n",
                        mutant.status(),
                        mutant.module(),
                        mutant.clazz(),
                        mutant.method(),
                        mutant.line(),
                        mutant.description(),
                        mutant.mutator());
            }
        }
        for (int row = 0; row < equivalents.size(); row++) {
            Equivalent stale = equivalents.get(row);
            // A row for a class this run did not mutate (one lesson only) is not stale.
            boolean classWasMutated =
                    mutants.stream().anyMatch(mutant -> Equivalent.fits(stale.clazz(), mutant.clazz()));
            if (matchesPerRow[row] == 0 && classWasMutated) {
                out.println("note: no surviving mutant matches the equivalent " + stale.shown() + ": remove the row");
            }
        }
        int detected = 0;
        int counted = 0;
        for (Map.Entry<String, Tally> module : perModule.entrySet()) {
            Tally tally = module.getValue();
            out.printf(
                    Locale.ROOT,
                    "%-20s %3d%% (%d of %d killed, %d equivalent left out)%n",
                    module.getKey(),
                    floorPercent(tally.detected, tally.counted),
                    tally.detected,
                    tally.counted,
                    tally.equivalent);
            detected += tally.detected;
            counted += tally.counted;
        }
        int score = floorPercent(detected, counted);
        out.printf(Locale.ROOT, "mutation score: %d%% (%d of %d killed)%n", score, detected, counted);
        out.flush();
        return score < minimum ? ExitCode.FAILED : ExitCode.OK;
    }

    static int firstMatch(List<Equivalent> equivalents, Mutant mutant) {
        for (int row = 0; row < equivalents.size(); row++) {
            if (equivalents.get(row).matches(mutant)) {
                return row;
            }
        }
        return -1;
    }

    /** Rounded down; no mutant at all is a full score (nothing could survive). */
    static int floorPercent(int part, int whole) {
        return whole == 0 ? 100 : (int) (100L * part / whole);
    }

    /** The module is the folder that holds target/pit-reports/mutations.xml. */
    static List<Mutant> readReport(Path report) throws IOException {
        if (!Files.isRegularFile(report)) {
            throw bad("no PIT report at " + report);
        }
        Path moduleDir =
                report.toAbsolutePath().normalize().getParent().getParent().getParent();
        String module = moduleDir.getFileName().toString();
        NodeList nodes;
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = factory.newDocumentBuilder();
            // Errors become the one line below, not the parser's own lines on stderr.
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            nodes = builder.parse(report.toFile()).getElementsByTagName("mutation");
        } catch (ParserConfigurationException | SAXException notPit) {
            throw bad(report + " is not a PIT mutations.xml: " + notPit.getMessage());
        }
        List<Mutant> mutants = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element node = (Element) nodes.item(i);
            mutants.add(new Mutant(
                    module,
                    text(node, "mutatedClass", report),
                    text(node, "mutatedMethod", report),
                    Integer.parseInt(text(node, "lineNumber", report)),
                    shortMutator(text(node, "mutator", report)),
                    text(node, "description", report),
                    node.getAttribute("status"),
                    Boolean.parseBoolean(node.getAttribute("detected"))));
        }
        return mutants;
    }

    private static String text(Element node, String tag, Path report) {
        NodeList found = node.getElementsByTagName(tag);
        if (found.getLength() == 0) {
            throw bad(report + " is not a PIT mutations.xml: a mutation without <" + tag + ">");
        }
        return found.item(0).getTextContent().strip();
    }

    /** {@code org.pitest...VoidMethodCallMutator} as the list writes it: {@code VoidMethodCall}. */
    static String shortMutator(String mutator) {
        String name = mutator.substring(mutator.lastIndexOf('.') + 1);
        return name.endsWith("Mutator") ? name.substring(0, name.length() - "Mutator".length()) : name;
    }

    /**
     * The list is a Markdown table, so that it is read as a document:
     * {@code | class | method | mutator | description | why no test can kill it |}. Rows whose
     * first cell is not a class name (the header, the separator) are not rows of the list; a row
     * without a reason is refused.
     */
    public static List<Equivalent> readEquivalents(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw bad("no equivalents list at " + file);
        }
        List<Equivalent> equivalents = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (!line.startsWith("|")) {
                continue;
            }
            String[] cells = line.substring(1).split("\\|", -1);
            String clazz = unquote(cells[0]);
            if (!clazz.startsWith("workbook.") && !clazz.equals("*")) {
                continue;
            }
            if (cells.length < 5 || cells[4].isBlank()) {
                throw bad(file + ":" + number + ": a row needs class, method, mutator, mutation and its reason");
            }
            equivalents.add(
                    new Equivalent(clazz, unquote(cells[1]), unquote(cells[2]), unquote(cells[3]), cells[4].strip()));
        }
        return equivalents;
    }

    /** Cells may be written as {@code `code`}; the backticks are not part of the name. */
    static String unquote(String cell) {
        String stripped = cell.strip();
        return stripped.length() >= 2 && stripped.startsWith("`") && stripped.endsWith("`")
                ? stripped.substring(1, stripped.length() - 1)
                : stripped;
    }

    private static IllegalStateException bad(String message) {
        return new IllegalStateException(message);
    }
}
