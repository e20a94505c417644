package workbook.harness;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * The child side of a {@link Fork}: a JVM that builds one strategy and sums for its parent when
 * told to, so that nothing another strategy did, no other strategy's compiled code or profile,
 * shapes its times.
 *
 * <p>It builds the strategy from the words of its {@link Fork.Recipe}, says {@code ready}, and then
 * answers one line per line it reads: {@code run N SEED LO HI CALLS} (that many calls, each timed
 * alone: the sum and every call's nanoseconds), {@code each N SEED LO HI CALLS} (the same, with
 * every call's own sum, for a strategy whose sum may change from call to call),
 * {@code batch N SEED LO HI CALLS} (that many calls back to back, timed together),
 * {@code settings}, {@code quit}. Every answer starts with
 * {@value Fork#ANSWER}, so that whatever else the strategy or its libraries print cannot be taken
 * for one; such output goes to standard error. A failure is one {@code error} line with the
 * exception and its causes.
 */
public final class ForkChild {
    private ForkChild() {}

    public static void main(String[] recipe) throws Exception {
        PrintStream answers = System.out;
        System.setOut(System.err); // the protocol's stream is the parent's alone
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        SumStrategy strategy;
        try {
            strategy = build(List.of(recipe));
        } catch (Exception | Error failure) {
            answer(answers, "error " + Commands.describe(failure));
            return;
        }
        answer(answers, "ready");
        try (strategy) {
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                String[] words = line.strip().split(" ");
                try {
                    switch (words[0]) {
                        case "run" -> answer(answers, "ok " + run(strategy, workload(words), count(words)));
                        case "each" -> answer(answers, "ok " + each(strategy, workload(words), count(words)));
                        case "batch" -> answer(answers, "ok " + batch(strategy, workload(words), count(words)));
                        case "settings" -> answer(answers, "ok " + Fork.encode(strategy.settings()));
                        case "quit" -> {
                            answer(answers, "ok");
                            return;
                        }
                        default -> answer(answers, "error no such command: " + line);
                    }
                } catch (Exception | Error failure) {
                    answer(answers, "error " + Commands.describe(failure));
                }
            }
        }
    }

    /**
     * The strategy the recipe names: {@code strategy MODULE NAME WORKERS} (a lesson's strategy, as
     * {@code ./workbook run} and the benchmark time it), {@code loop} (the harness's own loop) or
     * {@code lab CLASS ROW NAME ARGS...} (row ROW of a lab, whose options are parsed from ARGS as its
     * own command line parsed them; the row must be called NAME here too, as it was in the parent).
     */
    static SumStrategy build(List<String> recipe) throws ReflectiveOperationException {
        return switch (recipe.getFirst()) {
            case "strategy" -> {
                Lesson lesson = Lesson.find(Lesson.discover(), recipe.get(1));
                Lesson.Strategy strategy = lesson.strategies().stream()
                        .filter(candidate -> candidate.name().equals(recipe.get(2)))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(
                                lesson.module() + " has no strategy '" + recipe.get(2) + "'"));
                yield strategy.withWorkers().apply(Integer.parseInt(recipe.get(3)));
            }
            case "loop" -> Workload::sumAll;
            case "lab" -> {
                Lab lab = (Lab)
                        Class.forName(recipe.get(1)).getDeclaredConstructor().newInstance();
                new CommandLine(lab).parseArgs(recipe.subList(4, recipe.size()).toArray(String[]::new));
                int index = Integer.parseInt(recipe.get(2));
                List<Lab.Row> rows = lab.rows();
                String here = index < rows.size() ? "'" + rows.get(index).name() + "'" : "missing";
                if (!here.equals("'" + recipe.get(3) + "'")) {
                    throw new IllegalStateException(
                            "row " + index + " of " + lab.getClass().getSimpleName()
                                    + " is " + here + " in this JVM, '" + recipe.get(3) + "' in the parent's: a lab's"
                                    + " rows must depend on its options alone");
                }
                yield rows.get(index).build().get();
            }
            default -> throw new IllegalArgumentException("not a recipe: " + recipe);
        };
    }

    /* "N SEED LO HI" after the command's name. */
    private static Workload workload(String[] words) {
        return new Workload(
                Long.parseLong(words[1]),
                Long.parseLong(words[2]),
                Integer.parseInt(words[3]),
                Integer.parseInt(words[4]));
    }

    private static long count(String[] words) {
        return Long.parseLong(words[5]);
    }

    /* The sum, then every call's time: each call timed alone, and every call's sum the same. */
    private static String run(SumStrategy strategy, Workload workload, long calls) throws InterruptedException {
        long[] nanos = new long[Math.toIntExact(calls)];
        Long agreed = null;
        for (int call = 0; call < calls; call++) {
            long start = System.nanoTime();
            long sum = strategy.sum(workload);
            nanos[call] = System.nanoTime() - start;
            agreed = agreed(agreed, sum, workload);
        }
        StringBuilder answer = new StringBuilder().append(agreed);
        Arrays.stream(nanos).forEach(time -> answer.append(' ').append(time));
        return answer.toString();
    }

    /* Every call's own sum and time, with no check that they agree: "sum nanos sum nanos ...". */
    private static String each(SumStrategy strategy, Workload workload, long calls) throws InterruptedException {
        StringBuilder answer = new StringBuilder();
        for (long call = 0; call < calls; call++) {
            long start = System.nanoTime();
            long sum = strategy.sum(workload);
            long nanos = System.nanoTime() - start;
            answer.append(answer.isEmpty() ? "" : " ").append(sum).append(' ').append(nanos);
        }
        return answer.toString();
    }

    /* The sum and the time of all calls together: for calls too short to time one by one. */
    private static String batch(SumStrategy strategy, Workload workload, long calls) throws InterruptedException {
        Long agreed = null;
        long start = System.nanoTime();
        for (long call = 0; call < calls; call++) {
            agreed = agreed(agreed, strategy.sum(workload), workload);
        }
        return agreed + " " + (System.nanoTime() - start);
    }

    private static long agreed(Long agreed, long sum, Workload workload) {
        return Timer.sameSum("the strategy", agreed, sum, workload);
    }

    private static void answer(PrintStream answers, String line) {
        answers.println(Fork.ANSWER + line);
        answers.flush();
    }
}
