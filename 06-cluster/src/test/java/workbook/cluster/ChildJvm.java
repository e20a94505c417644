package workbook.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/*
 * A JVM of its own for a test (a member, a client): started with this JDK and the lesson's JVM
 * options (06-cluster/jvm.options, which quiet Hazelcast's warnings on JDK 25), its output (standard output and error together)
 * in a file the test can read, killed when closed, and killed by a shutdown hook if the test JVM
 * ends first, so that a failed or interrupted test leaves no process behind.
 */
final class ChildJvm implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill child JVMs"));
    }

    private final String name;
    private final Process process;
    private final Path output;
    private final PrintWriter input;

    private ChildJvm(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.input = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
    }

    /*
     * Starts {@code prefix java [the lesson's JVM options] jvmArgs -cp classPath mainClass args}; the
     * prefix runs java somewhere else (ip netns exec NS), or is empty.
     */
    static ChildJvm start(
            String name,
            List<String> prefix,
            List<String> jvmArgs,
            String classPath,
            String mainClass,
            List<String> args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        // A child lives for seconds and adds up a few million numbers: the quick compiler alone
        // (no C2) saves it over a core-second of compiling at start, and decides nothing here.
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(lessonJvmOptions());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(args);
        try {
            Path output = Files.createTempFile("workbook-06-" + name.replaceAll("\\W", "_") + "-", ".log");
            output.toFile().deleteOnExit();
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            LIVE.add(process);
            return new ChildJvm(name, process, output);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
    }

    /* The lines of 06-cluster/jvm.options that are not comments (the module directory is the working directory). */
    static List<String> lessonJvmOptions() {
        Path options =
                Files.exists(Path.of("jvm.options")) ? Path.of("jvm.options") : Path.of("06-cluster", "jvm.options");
        try {
            return Files.readAllLines(options).stream()
                    .map(line -> line.replaceAll("#.*", "").strip())
                    .filter(line -> !line.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /* Waits until the output holds {@code text}; fails if the process ends first or the limit (for a hang) passes. */
    void awaitOutput(String text, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before printing '" + text
                        + "':\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not print '" + text + "' within " + limit + ":\n" + output());
            }
            Thread.sleep(20);
        }
    }

    /* Waits for the process to end and returns its exit code; fails if the limit (for a hang) passes. */
    int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not end within " + limit + ":\n" + output());
        }
        LIVE.remove(process);
        return process.exitValue();
    }

    /* A line on its standard input. */
    void send(String line) {
        input.println(line);
    }

    long pid() {
        return process.pid();
    }

    /* Kills it at once (SIGKILL), as a crash or a pulled plug would, and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        LIVE.remove(process);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
