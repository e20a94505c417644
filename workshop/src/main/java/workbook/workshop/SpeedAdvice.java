package workbook.workshop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the workshop says after a DONE when a learner's correct code loses the lesson's point. Two
 * signs bring it: a parallelism case that fails (tagged {@value LessonTests#PARALLELISM}: the work
 * did not run on several threads at once; see {@link ParallelismAdvice}) and the clock (the speed
 * debrief, see {@link SpeedDebrief}). The causes are the lesson's own, in its descriptor
 * ({@link workbook.harness.Lesson#advice()}); each is one the learner can read about where the
 * advice points (the lesson page's pitfalls), and one that shows in what is measured.
 */
final class SpeedAdvice {

    /** Slower than the solution by this factor or more, and the debrief names a likely cause. */
    static final double SLOW_RATIO = 1.3;

    private SpeedAdvice() {}

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
