package workbook.workshop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import workbook.workshop.ExerciseGenerator.GeneratedFile;

/**
 * What an exercise file must be, beyond compiling: not a copy of its solution file, holding every
 * comment line of it (the teaching text stays where the learner works), and sharing no run of
 * {@value SharedLines#MIN_LINES} or more code lines with it (the code a learner does not edit is
 * written once, in src/main/java). Each check returns one line per problem, naming files and
 * lines, so a lesson's author knows what to move.
 */
public final class ExerciseShape {

    private ExerciseShape() {}

    /** Every problem of a lesson's generated exercise files, against its solution files. */
    public static List<String> problems(LessonModule lesson, Map<String, GeneratedFile> generated) {
        Map<String, String> solution = ExerciseCheck.read(lesson.solutionSources());
        List<String> problems = new ArrayList<>();
        generated.forEach((path, file) -> {
            String solutionText = solution.getOrDefault(path, "");
            String exerciseShown = lesson.shown(lesson.exerciseSources().resolve(path));
            String solutionShown = lesson.shown(lesson.solutionSources().resolve(path));
            problems.addAll(copy(exerciseShown, file.text(), solutionShown, solutionText));
            problems.addAll(missingComments(exerciseShown, file.text(), solutionShown, solutionText));
            problems.addAll(sharedCode(exerciseShown, file.text(), solutionShown, solutionText));
        });
        return problems;
    }

    static List<String> copy(String exerciseShown, String exercise, String solutionShown, String solution) {
        return exercise.equals(solution)
                ? List.of(exerciseShown + " is a copy of " + solutionShown
                        + ": an exercise file is generated only from a solution file with a region")
                : List.of();
    }

    /** jbang's directives (//SOURCES, //DEPS, //JAVA ...) look like comments but are not teaching text. */
    private static final java.util.regex.Pattern JBANG_DIRECTIVE =
            java.util.regex.Pattern.compile("^//[A-Z][A-Z_]*(\\s.*)?$");

    /**
     * The solution's comment lines (markers and jbang directives aside) that the exercise lacks:
     * they must all appear in the exercise, in the same order, moved left or not.
     */
    static List<String> missingComments(String exerciseShown, String exercise, String solutionShown, String solution) {
        List<String> kept = ExerciseGenerator.commentLines(exercise).values().stream()
                .map(String::strip)
                .filter(line -> !JBANG_DIRECTIVE.matcher(line).matches())
                .toList();
        List<String> problems = new ArrayList<>();
        int next = 0;
        for (Map.Entry<Integer, String> comment :
                ExerciseGenerator.commentLines(solution).entrySet()) {
            String wanted = comment.getValue().strip();
            if (ExerciseGenerator.isMarker(comment.getValue())
                    || JBANG_DIRECTIVE.matcher(wanted).matches()) {
                continue;
            }
            int found = kept.subList(next, kept.size()).indexOf(wanted);
            if (found < 0) {
                problems.add(solutionShown + ":" + comment.getKey() + ": this comment line is missing from "
                        + exerciseShown + " (or out of order): '" + abbreviated(wanted)
                        + "'. The exercise keeps its solution's teaching text.");
                if (problems.size() >= 5) {
                    problems.add("(and maybe more: the first five are listed)");
                    break;
                }
            } else {
                next += found + 1;
            }
        }
        return problems;
    }

    /** Runs of {@value SharedLines#MIN_LINES} or more code lines the exercise repeats from its solution. */
    static List<String> sharedCode(String exerciseShown, String exercise, String solutionShown, String solution) {
        List<String> problems = new ArrayList<>();
        for (SharedLines.Run run : SharedLines.between(exercise, solution, SharedLines.MIN_LINES)) {
            problems.add(exerciseShown + ":" + run.first() + "-" + run.last() + " repeats " + solutionShown + ":"
                    + run.otherFirst() + "-" + run.otherLast() + " (" + run.codeLines() + " code lines in a row;"
                    + " the duplicates rule allows at most " + (SharedLines.MIN_LINES - 1) + "). Move that code out of"
                    + " the learner's file (into a file of its own: the descriptor, a helper class) or into a region.");
        }
        return problems;
    }

    private static String abbreviated(String text) {
        return text.length() <= 100 ? text : text.substring(0, 97) + "...";
    }
}
