package workbook.workshop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A slip a learner makes, written as the lesson's solution file with one snippet replaced (it lives
 * as long as the snippet does, whatever else changes in the file), and what {@code ./workbook
 * check} must then tell the learner: the exit code and lines of its output. {@link ExerciseChecks}
 * feeds it through the real check, the way a learner would make it: the generated exercise with the
 * slip's file filled in.
 *
 * <p>In an expected text, {@code {file}} stands for the learner's file as the check names it and
 * {@code {line:TEXT}} for the line of the learner's file that holds TEXT.
 *
 * <p>How the check runs: a slip that {@link #fails} is read as a learner reads it (the check stops
 * after eight failing cases), one that {@link #failsAtOnce} stops at the first; one that
 * {@link #hangs} stops at the hang, with a per-case limit of {@link #SHORT_HANG} (its words must
 * not name the limit; {@link #withLearnersCaseTimeout} gives it the learner's default); one that is
 * {@link #done} runs every case, then the advice, then the speed debrief (on a short run: its words
 * are the clock's, and only what is not is asserted). The other cases get a patient per-case limit:
 * a shared machine is slow, and the limit only watches for hangs.
 */
public final class Slip {
    /** The per-case limit of a hang slip whose words do not name it: the hang is found this much sooner. */
    static final Duration SHORT_HANG = Duration.ofSeconds(4);

    /** The per-case limit of the slips that are not expected to hang. */
    static final Duration PATIENT = Duration.ofSeconds(60);

    /** How long one run of the baseline takes in a done slip's speed debrief (a learner's: 300 ms). */
    static final Duration SHORT_DEBRIEF = Duration.ofMillis(20);

    private final String name;
    private final String file;
    private final String snippet;
    private final String replacement;
    private final int exitCode;
    private final List<String> expected;
    private final Workshop.CheckSettings settings;

    private Slip(
            String name,
            String file,
            String snippet,
            String replacement,
            int exitCode,
            List<String> expected,
            Workshop.CheckSettings settings) {
        this.name = Objects.requireNonNull(name);
        this.file = Objects.requireNonNull(file);
        this.snippet = Objects.requireNonNull(snippet);
        this.replacement = Objects.requireNonNull(replacement);
        this.exitCode = exitCode;
        this.expected = List.copyOf(expected);
        this.settings = settings;
    }

    private static Workshop.CheckSettings untimed() {
        return Workshop.CheckSettings.defaults().withTiming(false).withCaseTimeout(PATIENT);
    }

    /**
     * Not done, read as a learner reads it: up to eight failing cases.
     *
     * @param name what the learner got wrong, in a few words (the test's name)
     * @param file the file, relative to src/main/java (and to src/exercise/java, where it is written)
     * @param snippet text that occurs exactly once in the solution file
     * @param replacement what the learner wrote instead
     * @param says texts the check's output must contain, each one
     */
    public static Slip fails(String name, String file, String snippet, String replacement, String... says) {
        return new Slip(name, file, snippet, replacement, 1, List.of(says), untimed());
    }

    /** Not done, and the first failing case says it all. */
    public static Slip failsAtOnce(String name, String file, String snippet, String replacement, String... says) {
        return new Slip(
                name, file, snippet, replacement, 1, List.of(says), untimed().withMaxFailures(1));
    }

    /** A case hangs: the check stops there, {@link #SHORT_HANG} into it. */
    public static Slip hangs(String name, String file, String snippet, String replacement, String... says) {
        return new Slip(
                name,
                file,
                snippet,
                replacement,
                1,
                List.of(says),
                untimed().withMaxFailures(1).withCaseTimeout(SHORT_HANG));
    }

    /** DONE, the advice and the speed debrief included. */
    public static Slip done(String name, String file, String snippet, String replacement, String... says) {
        return new Slip(
                name,
                file,
                snippet,
                replacement,
                0,
                List.of(says),
                untimed().everyCase().withTiming(true).withDebriefRun(SHORT_DEBRIEF));
    }

    /** DONE, checked with --no-timing: the verdict and the advice that does not come from the clock. */
    public static Slip doneUntimed(String name, String file, String snippet, String replacement, String... says) {
        return new Slip(
                name, file, snippet, replacement, 0, List.of(says), untimed().everyCase());
    }

    /** The same slip checked with the learner's default per-case limit, for words that name it. */
    public Slip withLearnersCaseTimeout() {
        return with(settings -> settings.withCaseTimeout(ExerciseCheck.DEFAULT_CASE_TIMEOUT));
    }

    /** The same slip checked as with --all: every case runs and every failure is listed. */
    public Slip everyCase() {
        return with(Workshop.CheckSettings::everyCase);
    }

    /** The same slip checked on the test classes whose name matches {@code regex} only. */
    public Slip onlyClasses(String regex) {
        return with(settings -> settings.withClasses(regex));
    }

    /** The same slip with other check settings (for the workshop's own tests). */
    Slip with(UnaryOperator<Workshop.CheckSettings> change) {
        return new Slip(name, file, snippet, replacement, exitCode, expected, change.apply(settings));
    }

    String name() {
        return name;
    }

    String file() {
        return file;
    }

    int exitCode() {
        return exitCode;
    }

    List<String> expected() {
        return expected;
    }

    Workshop.CheckSettings settings() {
        return settings;
    }

    /**
     * Roughly how long its check runs, in seconds beyond the usual, to start the longest first: a
     * hang is found at its case limit (a run with no hang watch at its backstop); every case of a
     * lesson takes a few seconds more than the first few.
     */
    long weight() {
        boolean stopsAtAHang =
                settings.maxFailures() == 1 && settings.caseTimeout().compareTo(PATIENT) < 0;
        Duration wait = !stopsAtAHang
                ? Duration.ZERO
                : settings.caseTimeout().isZero() ? settings.timeLimit() : settings.caseTimeout();
        return wait.toSeconds() + (settings.all() ? 5 : 0);
    }

    /**
     * The solution file with the slip in it; refused when the snippet is gone or not unique. A
     * one-line snippet is replaced where it stands in its line; a snippet of several lines matches
     * whole lines whatever their indentation, and the replacement takes the indentation of the
     * first line it replaces (its own relative indentation kept).
     */
    String apply(String solution) {
        List<String> wanted = snippet.strip().lines().map(String::strip).toList();
        if (wanted.size() == 1) {
            int first = solution.indexOf(wanted.getFirst());
            if (first < 0 || solution.indexOf(wanted.getFirst(), first + 1) >= 0) {
                throw gone(first < 0);
            }
            return solution.substring(0, first)
                    + replacement.strip()
                    + solution.substring(first + wanted.getFirst().length());
        }
        List<String> lines = solution.lines().toList();
        int found = -1;
        for (int start = 0; start + wanted.size() <= lines.size(); start++) {
            boolean matches = true;
            for (int offset = 0; offset < wanted.size() && matches; offset++) {
                matches = lines.get(start + offset).strip().equals(wanted.get(offset));
            }
            if (matches) {
                if (found >= 0) {
                    throw gone(false);
                }
                found = start;
            }
        }
        if (found < 0) {
            throw gone(true);
        }
        String indent = lines.get(found).substring(0, lines.get(found).indexOf(wanted.getFirst()));
        List<String> result = new ArrayList<>(lines.subList(0, found));
        List<String> replacing = replacement
                .stripIndent()
                .lines()
                .filter(line -> !line.isBlank())
                .toList();
        int firstIndent = replacing.isEmpty()
                ? 0
                : replacing.getFirst().length()
                        - replacing.getFirst().stripLeading().length();
        for (String line : replacing) {
            result.add(indent
                    + line.substring(Math.min(
                            firstIndent, line.length() - line.stripLeading().length())));
        }
        result.addAll(lines.subList(found + wanted.size(), lines.size()));
        return String.join("\n", result) + (solution.endsWith("\n") ? "\n" : "");
    }

    private AssertionError gone(boolean nowhere) {
        return new AssertionError("the slip '" + name + "': the snippet occurs "
                + (nowhere ? "nowhere" : "more than once")
                + " in " + file + ", so the slip no longer says what it meant. Point it at the lesson's current code:\n"
                + snippet);
    }

    /** An expected text with {file} and {line:TEXT} filled in, for the learner's file shown as {@code shownFile}. */
    static String fill(String expected, String shownFile, String learnersText) {
        String text = expected.replace("{file}", shownFile);
        Matcher line = Pattern.compile("\\{line:([^}]*)\\}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (line.find()) {
            line.appendReplacement(out, Integer.toString(lineOf(learnersText, line.group(1))));
        }
        line.appendTail(out);
        return out.toString();
    }

    /** The 1-based line of the first line of {@code text} that contains {@code wanted}. */
    static int lineOf(String text, String wanted) {
        List<String> lines = text.lines().toList();
        for (int index = 0; index < lines.size(); index++) {
            if (lines.get(index).contains(wanted)) {
                return index + 1;
            }
        }
        throw new AssertionError("'" + wanted + "' is not in the text");
    }

    @Override
    public String toString() {
        return name;
    }
}
