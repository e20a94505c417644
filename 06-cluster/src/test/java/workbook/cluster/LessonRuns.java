package workbook.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/*
 * `./workbook lesson 06 ARGS` (what ClusterSum.main runs, without its System.exit), once for each
 * line on standard input: the line holds the arguments, separated by single spaces. AcrossHostsTest
 * runs it in a JVM (and a network namespace) of its own, so that its three runs of the lesson as a
 * client cost one JVM start, not three. Each run joins the cluster and leaves it, as a run of its
 * own would; after each, a line says how it ended:
 *
 *   lesson run N ended: exit CODE      (N counts from 0)
 */
final class LessonRuns {
    static final String ENDED = "lesson run ";

    private LessonRuns() {}

    public static void main(String[] args) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int run = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            int exit = new ClusterLesson().commandLine(line.strip().split(" "));
            System.out.println(ENDED + run + " ended: exit " + exit);
            System.out.flush();
            run++;
        }
    }

    /* What run number {@code run} printed, from a LessonRuns JVM's whole output (which holds its end line). */
    static String outputOf(String output, int run) {
        int from = run == 0 ? 0 : output.indexOf('\n', output.indexOf(ENDED + (run - 1) + " ended")) + 1;
        return output.substring(from, output.indexOf(ENDED + run + " ended"));
    }
}
