package workbook.harness;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One strategy in a JVM of its own, as JMH forks its benchmarks: the parent starts the child (the
 * same java, class path and JVM options as the parent, {@link ForkChild} as its main class),
 * tells it when to sum, and reads back the sum and the times. A JVM's compiled code and profiles
 * depend on what it ran before; a child runs one strategy and nothing else, so no other
 * strategy's code, and nothing the parent did, shapes its figures.
 *
 * <p>Whatever happens to the child, the parent is never left waiting and never reads a wrong
 * answer as a right one: a child that dies, says nothing within {@link #answerLimit}, or fails is
 * a {@link ForkFailed} naming the strategy and what happened, with the last lines the child wrote
 * on standard error; the child is stopped before the exception leaves.
 */
public final class Fork implements AutoCloseable {
    /** What every line of the protocol starts with, so that nothing else the child prints is read as one. */
    static final String ANSWER = "@fork ";

    /* The last lines of the child's standard error, kept for the message when it fails. */
    private static final int LAST_WORDS = 8;

    /** The words a child JVM builds its strategy from ({@link ForkChild#build}). */
    public record Recipe(List<String> words) {
        public Recipe {
            words = List.copyOf(words);
        }

        /** A lesson's strategy by name, for this many workers: what ./workbook run and bench time. */
        public static Recipe strategy(Lesson lesson, Lesson.Strategy strategy, int workers) {
            return new Recipe(List.of("strategy", lesson.module(), strategy.name(), Integer.toString(workers)));
        }

        /** The harness's own loop, {@link Workload#sumAll}: the cheapest a number can be summed here. */
        public static Recipe harnessLoop() {
            return new Recipe(List.of("loop"));
        }

        /**
         * Row {@code row} of {@code lab}, its options parsed from {@code labArgs}. The recipe carries
         * the row's name as the parent sees it, and the child refuses to build a row of another name:
         * a lab whose rows depend on anything but its options would otherwise time, under one row's
         * name, another row's strategy.
         */
        public static Recipe labRow(Lab lab, int row, List<String> labArgs) {
            List<String> words = new ArrayList<>(List.of(
                    "lab",
                    lab.getClass().getName(),
                    Integer.toString(row),
                    lab.rows().get(row).name()));
            words.addAll(labArgs);
            return new Recipe(words);
        }
    }

    /** The runs of one {@link #run} command: the sum every call agreed on, and each call's time. */
    public record Runs(long sum, long[] nanos) {}

    /** The calls of one {@link #runEach} command: each call's own sum and time, in order. */
    public record Calls(long[] sums, long[] nanos) {}

    /** A child that died, hung or failed; its message says which, and what the child last said. */
    public static final class ForkFailed extends RuntimeException {
        ForkFailed(String message) {
            super(message);
        }
    }

    private final String label;
    private final Duration answerLimit;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Deque<String> lastWords = new ArrayDeque<>();
    private boolean paused;

    /* Whether children can be paused here: not where the system has no kill command. */
    private static volatile boolean canSignal =
            !System.getProperty("os.name", "").startsWith("Windows");

    private Fork(String label, Duration answerLimit, Process process) {
        this.label = label;
        this.answerLimit = answerLimit;
        this.process = process;
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("fork-answers " + label).start(this::readAnswers);
        Thread.ofPlatform().daemon().name("fork-stderr " + label).start(this::readStandardError);
    }

    /**
     * Starts the JVM of {@code label}, built from {@code recipe}, and waits until it is ready. A
     * child must answer every command within {@code answerLimit}, or it counts as hung.
     */
    public static Fork start(String label, Recipe recipe, Duration answerLimit) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(inheritedOptions());
        command.addAll(List.of("-cp", classPath(), ForkChild.class.getName()));
        command.addAll(recipe.words());
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for " + label, e);
        }
        Fork fork = new Fork(label, answerLimit, process);
        try {
            fork.expect("ready");
        } catch (RuntimeException failure) {
            fork.stop();
            throw failure;
        }
        return fork;
    }

    /*
     * The parent's own JVM options (the modules a lesson needs, -Xss, -D settings), as JMH passes
     * them to its forks; a debugger's agent is left out, since two JVMs cannot listen on its port.
     */
    static List<String> inheritedOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !option.startsWith("-agentlib:jdwp") && !option.startsWith("-Xrunjdwp"))
                .toList();
    }

    /*
     * The parent's class path, and after it what the context class loader adds to it (the folder
     * of services a test registers, the project's classes under a launcher that loads them itself):
     * the child finds the same lessons and labs through ServiceLoader as the parent does, so it
     * builds the same rows.
     */
    static String classPath() {
        List<List<String>> added = new ArrayList<>();
        for (ClassLoader loader = Thread.currentThread().getContextClassLoader();
                loader != null;
                loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                List<String> entries = new ArrayList<>();
                for (URL url : urls.getURLs()) {
                    if (url.getProtocol().equals("file")) {
                        try {
                            entries.add(Path.of(url.toURI()).toString());
                        } catch (URISyntaxException | IllegalArgumentException notAPath) {
                            // not a file the child could read either
                        }
                    }
                }
                added.addFirst(entries); // a loader asks its parent first: the outermost comes first
            }
        }
        Set<String> entries = new LinkedHashSet<>(
                List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        added.forEach(entries::addAll);
        entries.remove("");
        return String.join(File.pathSeparator, entries);
    }

    public String label() {
        return label;
    }

    /* The child's process id, for a test that looks at the process itself. */
    long pid() {
        return process.pid();
    }

    /** Makes {@code calls} calls of the strategy on {@code workload}, each timed alone. */
    public Runs run(Workload workload, int calls) {
        String[] words = ask("run " + workload(workload) + " " + calls).split(" ");
        if (words.length != calls + 1) {
            throw failed("answered " + (words.length - 1) + " times for " + calls + " calls");
        }
        long[] nanos = new long[calls];
        for (int call = 0; call < calls; call++) {
            nanos[call] = Long.parseLong(words[call + 1]);
        }
        return new Runs(Long.parseLong(words[0]), nanos);
    }

    /**
     * Makes {@code calls} calls, each timed alone, and returns every call's own sum: for a strategy
     * whose sum is allowed to change from call to call (a race a lab shows), which {@link #run}
     * would refuse.
     */
    public Calls runEach(Workload workload, int calls) {
        if (calls == 0) {
            return new Calls(new long[0], new long[0]);
        }
        String[] words = ask("each " + workload(workload) + " " + calls).split(" ");
        if (words.length != 2 * calls) {
            throw failed("answered " + words.length / 2 + " times for " + calls + " calls");
        }
        long[] sums = new long[calls];
        long[] nanos = new long[calls];
        for (int call = 0; call < calls; call++) {
            sums[call] = Long.parseLong(words[2 * call]);
            nanos[call] = Long.parseLong(words[2 * call + 1]);
        }
        return new Calls(sums, nanos);
    }

    /** Makes {@code calls} calls back to back and returns their sum's value and their time together. */
    public Runs batch(Workload workload, long calls) {
        String[] words = ask("batch " + workload(workload) + " " + calls).split(" ");
        return new Runs(Long.parseLong(words[0]), new long[] {Long.parseLong(words[1])});
    }

    /** What the strategy says it used ({@link SumStrategy#settings()}), read back from its JVM. */
    public Map<String, Object> settings() {
        return decode(ask("settings"));
    }

    /**
     * Stops every thread of the child until it is next told to do something. A JVM that waits its
     * turn beside another's timed call is not idle: its garbage collector and JIT, and whatever its
     * strategy keeps running (a cluster's members send heartbeats and poll, about 3 % of a core
     * per JVM here), take the cores from the call being timed, and a call that needs both cores
     * loses more to them than one that needs one: measured beside the cluster's JVMs, lesson 02 was
     * 10 to 20 % slower while lesson 01 was not (docs/decisions.md, "Neighbours that wait, stopped").
     * Where the system has no {@code kill} command to stop a process with (Windows), the child just
     * waits.
     */
    public void pause() {
        if (!paused && signal("STOP")) {
            paused = true;
        }
    }

    /* Lets a paused child run again; every command does this first, so a paused child never hangs one. */
    private void resume() {
        if (paused) {
            paused = false;
            signal("CONT");
        }
    }

    /* Sends the child a POSIX signal by name with the system's kill command; false if that cannot be done. */
    private boolean signal(String name) {
        if (!canSignal || !process.isAlive()) {
            return false;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            kill.getInputStream().transferTo(OutputStream.nullOutputStream());
            return kill.waitFor() == 0;
        } catch (IOException noKillCommand) {
            canSignal = false;
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asks the child to close its strategy and end; a child that does not, is stopped. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                ask("quit");
                process.waitFor(answerLimit.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ForkFailed | InterruptedException ignored) {
            if (ignored instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            stop();
        }
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String workload(Workload workload) {
        return workload.n() + " " + workload.seed() + " " + workload.lo() + " " + workload.hi();
    }

    /* Sends one command and returns the answer after "ok ", or fails saying why there is none. */
    private String ask(String command) {
        resume();
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException closed) {
            throw failed("could not be told to " + command.split(" ")[0] + " (its JVM has ended)");
        }
        String answer = expect("ok");
        return answer.isEmpty() ? answer : answer.substring(1);
    }

    /* Waits for an answer that starts with {@code word}; returns the rest of it. */
    private String expect(String word) {
        String line;
        try {
            line = answers.poll(answerLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stop();
            throw failed("was stopped: the parent was interrupted while it waited");
        }
        if (line == null) {
            stop();
            throw failed("gave no answer within " + answerLimit.toSeconds() + " s and was stopped");
        }
        if (line.equals(END)) {
            throw failed("ended (exit code " + exitCode() + ") before it answered");
        }
        if (line.startsWith("error ")) {
            throw failed("failed: " + line.substring("error ".length()));
        }
        if (!line.equals(word) && !line.startsWith(word + " ")) {
            throw failed("answered '" + line + "' where '" + word + "' belongs");
        }
        return line.substring(word.length());
    }

    /* Put on the queue when the child's standard output ends: the child is gone. */
    private static final String END = "\u0000end";

    private void readAnswers() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(ANSWER)) {
                    answers.add(line.substring(ANSWER.length()));
                }
            }
        } catch (IOException ignored) {
            // the child is gone; END below says so
        }
        answers.add(END);
    }

    private void readStandardError() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (lastWords) {
                    lastWords.addLast(line);
                    if (lastWords.size() > LAST_WORDS) {
                        lastWords.removeFirst();
                    }
                }
            }
        } catch (IOException ignored) {
            // the child is gone
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private ForkFailed failed(String what) {
        List<String> said;
        synchronized (lastWords) {
            said = List.copyOf(lastWords);
        }
        String words = said.isEmpty() ? "" : "; its last words: " + String.join(" | ", said);
        return new ForkFailed("the JVM of " + label + " " + what + words);
    }

    /* Settings cross the pipe as key=value words; numbers and booleans come back as what they were. */
    static String encode(Map<String, Object> settings) {
        StringBuilder text = new StringBuilder();
        settings.forEach((key, value) -> text.append(text.isEmpty() ? "" : "\t")
                .append(key)
                .append('=')
                .append(String.valueOf(value).replace('\t', ' ').replace('\n', ' ')));
        return text.toString();
    }

    static Map<String, Object> decode(String text) {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return settings;
        }
        for (String pair : text.split("\t")) {
            int equals = pair.indexOf('=');
            settings.put(pair.substring(0, equals), value(pair.substring(equals + 1)));
        }
        return settings;
    }

    private static Object value(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notWhole) {
            try {
                return text.matches("-?[0-9.]+([eE]-?[0-9]+)?") ? Double.parseDouble(text) : text;
            } catch (NumberFormatException notNumber) {
                return text;
            }
        }
    }
}
