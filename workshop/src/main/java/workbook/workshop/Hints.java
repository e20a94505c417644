package workbook.workshop;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import workbook.harness.ExitCode;

/**
 * {@code ./workbook hint NN}: the lesson page's {@code ## Hints}, one level at a time. The page
 * holds them as a numbered list, from a nudge to nearly the answer, after an optional paragraph
 * about the exercise; each call shows the next item, and the number shown so far is kept in the
 * lesson's {@code target/workshop/hints-shown} ({@code --reset} starts over).
 */
final class Hints {

    /** The section's opening paragraph (may be empty) and its numbered hints, as Markdown. */
    record Section(String intro, List<String> hints) {}

    private Hints() {}

    /** The hints of the lesson's page; refused with one line when the page or the section is missing. */
    static Section read(LessonModule lesson) {
        Path page = lesson.docsPage();
        if (!Files.isRegularFile(page)) {
            throw new IllegalStateException("lesson " + lesson.id() + " has no page " + lesson.shown(page));
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = lines.indexOf("## Hints");
        if (start < 0) {
            throw new IllegalStateException(lesson.shown(page) + " has no '## Hints' section");
        }
        return parse(lines.subList(start + 1, lines.size()));
    }

    /** The section's lines (after its heading, up to the next heading of level 1 or 2). */
    static Section parse(List<String> lines) {
        List<String> intro = new ArrayList<>();
        List<List<String>> hints = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("## ") || line.startsWith("# ")) {
                break;
            }
            if (line.matches("[0-9]+\\.\\s.*")) {
                hints.add(new ArrayList<>(List.of(line.replaceFirst("^[0-9]+\\.\\s+", ""))));
            } else if (hints.isEmpty()) {
                intro.add(line);
            } else {
                hints.getLast().add(line.replaceFirst("^ {1,4}", ""));
            }
        }
        List<String> texts =
                hints.stream().map(hint -> String.join("\n", hint).strip()).toList();
        String introText = String.join("\n", intro).strip();
        if (texts.isEmpty() && !introText.isEmpty()) {
            return new Section("", List.of(introText)); // no numbered list: the whole section is one hint
        }
        return new Section(introText, texts);
    }

    static Path stateFile(LessonModule lesson) {
        return lesson.dir().resolve("target/workshop/hints-shown");
    }

    /** How many hints the learner has seen so far. */
    static int shown(LessonModule lesson) {
        Path state = stateFile(lesson);
        try {
            return Files.isRegularFile(state)
                    ? Integer.parseInt(Files.readString(state).strip())
                    : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Shows the next hint (or, after the last, the last again), or starts over with {@code reset}. */
    static int show(LessonModule lesson, boolean reset, PrintWriter out) {
        Section section = read(lesson);
        int count = section.hints().size();
        if (count == 0) {
            throw new IllegalStateException(lesson.shown(lesson.docsPage()) + "'s '## Hints' section is empty");
        }
        if (reset) {
            save(lesson, 0);
            out.println("Lesson " + lesson.id() + ": hints start over. ./workbook hint " + lesson.id()
                    + " shows hint 1 of " + count + ".");
            return ExitCode.OK;
        }
        int seen = shown(lesson);
        int level = Math.min(seen + 1, count);
        out.println("Lesson " + lesson.id() + ", hint " + level + " of " + count + " (" + lesson.hintLink() + "):");
        out.println();
        if (level == 1 && !section.intro().isEmpty()) {
            out.println(section.intro());
            out.println();
        }
        out.println(section.hints().get(level - 1));
        out.println();
        if (seen >= count) {
            out.println(
                    "There is no further hint. The solution's files are in " + lesson.shown(lesson.solutionSources())
                            + " (the same paths as your exercise files); ./workbook hint " + lesson.id()
                            + " --reset starts the hints over.");
        } else if (level < count) {
            out.println("Still stuck? ./workbook hint " + lesson.id() + " shows hint " + (level + 1) + " of " + count
                    + ".");
        } else {
            out.println("That was the last hint, nearly the answer.");
        }
        save(lesson, level);
        return ExitCode.OK;
    }

    /** What watch and check say after a verdict that is not DONE. */
    static String offer(LessonModule lesson) {
        int count;
        try {
            count = read(lesson).hints().size();
        } catch (RuntimeException e) {
            return "Hints: " + lesson.hintLink();
        }
        int next = Math.min(shown(lesson) + 1, count);
        return "Stuck? ./workbook hint " + lesson.id() + " shows hint " + next + " of " + count
                + ", from a nudge to nearly the answer (all of them: " + lesson.hintLink() + ").";
    }

    private static void save(LessonModule lesson, int level) {
        Path state = stateFile(lesson);
        try {
            Files.createDirectories(state.getParent());
            Files.writeString(state, Integer.toString(level), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + state, e);
        }
    }
}
