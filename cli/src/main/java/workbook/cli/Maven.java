package workbook.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs the project's Maven wrapper ({@code ./mvnw}, which brings the pinned Maven) in the project's
 * root, with this JVM's JDK as its {@code JAVA_HOME}: the build the commands test and mutants hand
 * their work to.
 */
final class Maven {
    private Maven() {}

    /** The command: the wrapper in batch mode, without download progress, then {@code args}. */
    static List<String> command(Path root, List<String> args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-ntp"));
        command.addAll(args);
        return command;
    }

    /** Runs Maven on this terminal and returns its exit code. */
    static int inherit(Path root, List<String> args) throws IOException, InterruptedException {
        return start(root, args).inheritIO().start().waitFor();
    }

    /**
     * Runs Maven with its whole output in {@code log}, copying to {@code progress} only the lines
     * that {@code shown} accepts; returns its exit code.
     */
    static int logged(Path root, List<String> args, Path log, Predicate<String> shown, PrintWriter progress)
            throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process maven = start(root, args).redirectErrorStream(true).start();
        try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(maven.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter saved = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                saved.println(line);
                if (shown.test(line)) {
                    progress.println(line);
                    progress.flush();
                }
            }
        }
        return maven.waitFor();
    }

    private static ProcessBuilder start(Path root, List<String> args) {
        ProcessBuilder builder = new ProcessBuilder(command(root, args)).directory(root.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }
}
