package workbook.workshop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import workbook.harness.Lesson;

/**
 * One lesson as the workshop sees it: its descriptor, and its module's folder under the project's
 * root, with the solution in {@code src/main/java} and the exercise in {@code src/exercise/java}.
 * Lessons are the ones {@link Lesson#discover()} finds, never a list or a folder pattern, so a new
 * lesson takes part in the workshop as soon as its module is built.
 */
public record LessonModule(Path root, Lesson lesson) {

    /** Every lesson on the class path whose module folder is under {@code root}, in order. */
    public static List<LessonModule> findAll(Path root) {
        return Lesson.discover().stream()
                .map(lesson -> new LessonModule(root, lesson))
                .filter(module -> Files.isDirectory(module.solutionSources()))
                .toList();
    }

    /** The lesson named by "2", "02" or "02-threads-queue"; an IllegalArgumentException lists the others. */
    public static LessonModule find(Path root, String wanted) {
        return new LessonModule(root, Lesson.find(Lesson.discover(), wanted));
    }

    /** The module's folder: root/02-threads-queue. */
    public Path dir() {
        return root.resolve(lesson.module());
    }

    /** "02-threads-queue". */
    public String name() {
        return lesson.module();
    }

    /** "02". */
    public String id() {
        return lesson.id();
    }

    public Path solutionSources() {
        return dir().resolve("src/main/java");
    }

    public Path exerciseSources() {
        return dir().resolve("src/exercise/java");
    }

    /** Where the hints are, as the stubs and the verdicts spell it: "docs/02-threads-queue.md#hints". */
    public String hintLink() {
        return "docs/" + name() + ".md#hints";
    }

    public Path docsPage() {
        return root.resolve("docs").resolve(name() + ".md");
    }

    public Path testClasses() {
        return dir().resolve("target/test-classes");
    }

    /**
     * Whether any compiled test class of the lesson names {@code tag} (an annotation's value sits
     * in its class file as plain text): a cheap look before starting a JVM to run tests with that
     * tag. A class that names the text for another reason only costs a run that finds nothing.
     */
    public boolean mayHaveTestsTagged(String tag) {
        byte[] wanted = tag.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path classes;
        try {
            classes = testClasses().toRealPath(); // a sandbox's link is followed
        } catch (IOException e) {
            return false;
        }
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".class")).toList()) {
                if (contains(Files.readAllBytes(file), wanted)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + shown(classes), e);
        }
    }

    private static boolean contains(byte[] text, byte[] wanted) {
        for (int start = 0; start + wanted.length <= text.length; start++) {
            if (Arrays.equals(text, start, start + wanted.length, wanted, 0, wanted.length)) {
                return true;
            }
        }
        return false;
    }

    /** The lesson's test class path, written by the build (see the parent pom's write-test-classpath). */
    public Path testClasspathFile() {
        return dir().resolve("target/test-classpath.txt");
    }

    /** Where the checker puts what it builds, apart from the solution's target/classes. */
    public Path workDir() {
        return dir().resolve("target/exercise");
    }

    /** A path relative to the project's root, for messages. */
    public String shown(Path path) {
        return root.relativize(path.toAbsolutePath().normalize()).toString();
    }

    /** The lesson's test class path entries; fails with a clear line when the lesson is not built. */
    public List<Path> testClasspath() {
        Path file = testClasspathFile();
        if (!Files.isDirectory(testClasses()) || !Files.isRegularFile(file)) {
            throw new IllegalStateException("lesson " + id() + " is not built yet (no " + shown(file)
                    + "): build it first (./workbook does that by itself; with Maven, any phase from"
                    + " process-test-classes on writes it)");
        }
        try {
            String text = Files.readString(file).strip();
            List<Path> entries = new ArrayList<>();
            if (!text.isEmpty()) {
                Arrays.stream(text.split(java.io.File.pathSeparator))
                        .map(Path::of)
                        .forEach(entries::add);
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The lesson's JVM options that javac needs as well: the modules it adds (an incubator module
     * such as jdk.incubator.vector is not resolved unless asked for) and preview features.
     */
    public List<String> javacOptions() {
        List<String> options = new ArrayList<>();
        for (String option : jvmOptions()) {
            if (option.startsWith("--add-modules=")) {
                options.add(option);
            } else if (option.equals("--enable-preview")) {
                options.addAll(List.of(
                        "--enable-preview",
                        "--release",
                        Integer.toString(Runtime.version().feature())));
            }
        }
        return options;
    }

    /** JVM options the lesson needs (its jvm.options file: one per line, # starts a comment). */
    public List<String> jvmOptions() {
        Path file = dir().resolve("jvm.options");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file).stream()
                    // Read exactly as ./workbook reads it: comments and all white space dropped.
                    .map(line -> line.replaceFirst("#.*", "").replaceAll("\\s", ""))
                    .filter(line -> !line.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
