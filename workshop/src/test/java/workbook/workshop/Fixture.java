package workbook.workshop;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.core.LauncherFactory;
import workbook.harness.Lesson;

/**
 * The fixture project of the workshop's tests (src/test/fixture, see its README): two lessons of
 * ids no real lesson uses, 90 (the yardstick, one loop) and 91 (two halves at once, with a test
 * tagged {@value LessonTests#PARALLELISM}), each with its solution, its generated exercise, its
 * tests, its descriptor registered in META-INF/services, and its page with hints and pitfalls.
 *
 * <p>It is built once per test JVM, as Maven builds a lesson: javac into each lesson's
 * {@code target/classes} (with its resources) and {@code target/test-classes}, and the lesson's
 * {@code target/test-classpath.txt}, here the running tests' own class path less the workshop's
 * classes and what only the workshop needs (the JUnit launcher, the JSON reader): the checker must
 * bring those itself. Its descriptors are found through a class loader of their own, the context
 * class loader while a test runs ({@link Lessons}), as ServiceLoader finds a lesson on
 * {@code ./workbook}'s class path.
 */
final class Fixture {
    static final String LOOP = "90";
    static final String HALVES = "91";
    static final String LOOP_FILE = "fixture/loop/Loop.java";
    static final String HALVES_FILE = "fixture/halves/Halves.java";

    private static Fixture built;

    private final Path root;
    private final URLClassLoader loader;
    private final List<Lesson> lessons;

    private Fixture(Path root, URLClassLoader loader, List<Lesson> lessons) {
        this.root = root;
        this.loader = loader;
        this.lessons = lessons;
    }

    /** The fixture's sources (not a Maven source root). */
    static Path source() {
        return Path.of(System.getProperty("workshop.fixture", "src/test/fixture"))
                .toAbsolutePath()
                .normalize();
    }

    /** The fixture, built. */
    static synchronized Fixture get() {
        if (built == null) {
            built = build();
        }
        return built;
    }

    /** The built project's root: its docs and its lesson folders. */
    Path root() {
        return root;
    }

    ClassLoader loader() {
        return loader;
    }

    List<Lesson> lessons() {
        return lessons;
    }

    Lesson lesson(String id) {
        return Lesson.find(lessons, id);
    }

    /** The lesson as the workshop sees it, in the built project. */
    LessonModule module(String id) {
        return new LessonModule(root, lesson(id));
    }

    /** A sandbox of both lessons in {@code folder}, its exercises freshly generated. */
    Sandbox sandbox(Path folder) {
        return Sandbox.of(folder, root, lessons);
    }

    /** The same, with sources of its own that the test may change. */
    Sandbox sandboxWithOwnSources(Path folder) {
        return Sandbox.of(folder, root, lessons, true);
    }

    private static Fixture build() {
        Path root = Path.of(System.getProperty(
                        "workshop.fixture.build", System.getProperty("java.io.tmpdir") + "/workshop-fixture"))
                .toAbsolutePath()
                .normalize();
        try {
            ExerciseCheck.deleteRecursively(root);
            Sandbox.copyTree(source(), root);
            List<Path> classpath = classpath();
            List<URL> urls = new ArrayList<>();
            try (Stream<Path> children = Files.list(root)) {
                for (Path module : children.filter(
                                child -> child.getFileName().toString().matches("[0-9][0-9]-.+"))
                        .sorted()
                        .toList()) {
                    Path classes = module.resolve("target/classes");
                    compile(module.resolve("src/main/java"), classpath, classes);
                    if (Files.isDirectory(module.resolve("src/main/resources"))) {
                        Sandbox.copyTree(module.resolve("src/main/resources"), classes);
                    }
                    List<Path> testClasspath = new ArrayList<>(classpath);
                    testClasspath.addFirst(classes);
                    compile(module.resolve("src/test/java"), testClasspath, module.resolve("target/test-classes"));
                    Files.writeString(
                            module.resolve("target/test-classpath.txt"),
                            String.join(
                                    File.pathSeparator,
                                    classpath.stream().map(Path::toString).toList()));
                    urls.add(classes.toUri().toURL());
                }
            }
            URLClassLoader loader =
                    new URLClassLoader("fixture lessons", urls.toArray(URL[]::new), Fixture.class.getClassLoader());
            List<Lesson> lessons = ServiceLoader.load(Lesson.class, loader).stream()
                    .map(ServiceLoader.Provider::get)
                    .filter(lesson -> lesson.getClass().getClassLoader() == loader)
                    .sorted(Comparator.comparing(Lesson::id))
                    .toList();
            return new Fixture(root, loader, lessons);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the fixture in " + root, e);
        }
    }

    private static void compile(Path sources, List<Path> classpath, Path classes) {
        List<String> errors = ExerciseCheck.compile(
                ExerciseCheck.read(sources), classpath, classes, (path, line) -> sources.resolve(path) + ":" + line);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the fixture does not compile:\n  " + String.join("\n  ", errors));
        }
    }

    /**
     * What a fixture lesson's build would put on its test class path: the harness, JUnit and the
     * rest of this JVM's test class path, less the workshop and what only the workshop needs.
     */
    private static List<Path> classpath() {
        String text = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Set<Path> workshopOnly = Set.of(
                ExerciseCheck.codeSourceOf(ExerciseCheck.class),
                ExerciseCheck.codeSourceOf(Fixture.class),
                ExerciseCheck.codeSourceOf(LauncherFactory.class),
                ExerciseCheck.codeSourceOf(JSON.class),
                ExerciseCheck.codeSourceOf(JsonFactory.class));
        List<Path> entries = new ArrayList<>();
        for (String entry : text.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (!workshopOnly.contains(path)) {
                entries.add(path);
            }
        }
        return entries;
    }

    /**
     * Makes the fixture's lessons discoverable ({@link Lesson#discover()} reads the context class
     * loader) while each test of the class runs: {@code @ExtendWith(Fixture.Lessons.class)}.
     */
    static final class Lessons implements BeforeEachCallback, AfterEachCallback {
        private static final ExtensionContext.Namespace HERE = ExtensionContext.Namespace.create(Lessons.class);

        @Override
        public void beforeEach(ExtensionContext context) {
            Thread thread = Thread.currentThread();
            context.getStore(HERE).put("before", thread.getContextClassLoader());
            thread.setContextClassLoader(get().loader());
        }

        @Override
        public void afterEach(ExtensionContext context) {
            Thread.currentThread().setContextClassLoader(context.getStore(HERE).get("before", ClassLoader.class));
        }
    }
}
