package workbook.workshop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the speed debrief says when a learner's correct code is slow: the likely cause, lesson by
 * lesson, and where the lesson page explains it. These are the slips that keep the answer right
 * and lose the lesson's point: the tests cannot see them, only the clock can.
 */
final class SpeedAdvice {

    /** Slower than the solution by this factor or more, and the debrief names a likely cause. */
    static final double SLOW_RATIO = 1.3;

    private static final Map<String, String> LIKELY_CAUSE = Map.of(
            "01",
            "a boxed total (Long instead of long), or a stream that boxes every number",
            "02",
            "threads started and joined one at a time (a join(), or a take(), inside the loop that starts"
                    + " them), so only one worker runs at any moment",
            "03",
            "tasks submitted and waited for one at a time (a get() right after each submit), so only one"
                    + " pool thread works at any moment",
            "04",
            "join before compute (left.join() before right.compute(), so the two halves run one after the"
                    + " other), or both halves forked",
            "05",
            "a fixed pool where virtual threads belong (Executors.newFixedThreadPool instead of"
                    + " Executors.newVirtualThreadPerTaskExecutor())",
            "07",
            "one accumulator (every step waits for the one before it), or the tail done by the slow path");

    /**
     * Lessons whose strategy the debrief does not time, and why: on one machine their point is the
     * cost, which the lesson's own tables show.
     */
    private static final Map<String, String> NOT_TIMED = Map.of(
            "06",
            "the cluster pays for serialising every chunk to other JVMs, which on one machine only costs"
                    + " time; its cost tables are in docs/06-cluster.md");

    private SpeedAdvice() {}

    static Optional<String> likelyCause(String lessonId) {
        return Optional.ofNullable(LIKELY_CAUSE.get(lessonId));
    }

    static Optional<String> notTimed(String lessonId) {
        return Optional.ofNullable(NOT_TIMED.get(lessonId));
    }

    /**
     * The link to the lesson page's pitfalls: "docs/04-forkjoin.md#pitfalls" for a "## Pitfalls"
     * heading; otherwise the first heading that speaks of pitfalls; otherwise the page itself.
     */
    static String pitfallsLink(Path docsFolder, String lessonName) {
        String page = "docs/" + lessonName + ".md";
        Path file = docsFolder.resolve(lessonName + ".md");
        if (!Files.isRegularFile(file)) {
            return page;
        }
        List<String> headings;
        try {
            headings = Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith("## "))
                    .map(line -> line.substring(3).strip())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return headings.stream()
                .filter(heading -> heading.equalsIgnoreCase("Pitfalls"))
                .findFirst()
                .or(() -> headings.stream()
                        .filter(heading -> heading.toLowerCase(Locale.ROOT).contains("pitfalls"))
                        .findFirst())
                .or(() -> headings.stream()
                        .filter(heading -> heading.toLowerCase(Locale.ROOT).contains("pitfall"))
                        .findFirst())
                .map(heading -> page + "#" + anchor(heading))
                .orElse(page);
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }
}
