package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What is written in two or three places must agree, since a lesson runs three ways: with jbang
 * (its header), with Maven (its pom) and with {@code ./workbook} (its {@code jvm.options}).
 *
 * <ul>
 *   <li>every {@code //DEPS group:artifact:version} of a jbang header names the version the poms
 *       use for that artifact;
 *   <li>a lesson's JVM flags are the same in its {@code jvm.options} and its
 *       {@code //RUNTIME_OPTIONS} lines, and its Surefire {@code argLine} (the pom property
 *       {@code workbook.test.argLine}, without the parent's own {@code -Xss1m}) reads the same
 *       file as a java argument file, or names the same flags.
 * </ul>
 */
class ProjectFilesAgreeTest {
    private static final Path ROOT =
            Path.of(System.getProperty("workbook.root", "..")).toAbsolutePath().normalize();
    private static final Pattern DEPS = Pattern.compile("^//DEPS ([^:\\s]+):([^:\\s]+):(\\S+)\\s*$");
    private static final Pattern RUNTIME_OPTIONS = Pattern.compile("^//RUNTIME_OPTIONS (.+)$");

    @TestFactory
    Stream<DynamicTest> jbangDependenciesUseThePomsVersions() throws IOException {
        Map<String, String> pomVersions = pomVersions();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path script : jbangScripts()) {
            for (String line : Files.readAllLines(script)) {
                Matcher deps = DEPS.matcher(line);
                if (deps.matches()) {
                    String artifact = deps.group(1) + ":" + deps.group(2);
                    String version = deps.group(3);
                    tests.add(dynamicTest(ROOT.relativize(script) + " uses " + artifact + ":" + version, () -> {
                        assertTrue(
                                pomVersions.containsKey(artifact),
                                () -> artifact + " is in the jbang header but in no pom: add it to the module's pom");
                        assertEquals(
                                pomVersions.get(artifact),
                                version,
                                () -> artifact + ": the jbang header and the poms disagree; change one of them");
                    }));
                }
            }
        }
        assertFalse(tests.isEmpty(), "no //DEPS line found under " + ROOT);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> aLessonsJvmFlagsAreTheSameForJbangMavenAndTheWorkbook() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path lesson : lessons()) {
            Path optionsFile = lesson.resolve("jvm.options");
            Set<String> fromOptionsFile = Files.isRegularFile(optionsFile)
                    ? normalized(Files.readAllLines(optionsFile).stream()
                            .map(line -> line.replaceFirst("#.*", "").strip())
                            .filter(line -> !line.isEmpty())
                            .toList())
                    : Set.of();
            Set<String> fromHeaders = new TreeSet<>();
            for (Path script : jbangScriptsIn(lesson)) {
                for (String line : Files.readAllLines(script)) {
                    Matcher options = RUNTIME_OPTIONS.matcher(line);
                    if (options.matches()) {
                        fromHeaders.addAll(
                                normalized(List.of(options.group(1).strip().split("\\s+"))));
                    }
                }
            }
            String argLine = property(pom(lesson.resolve("pom.xml")), "workbook.test.argLine");
            Set<String> fromPom = argLine == null
                    ? Set.of()
                    : normalized(List.of(argLine.strip().split("\\s+")));
            Set<String> surefire = new TreeSet<>(fromPom);
            surefire.remove("-Xss1m"); // the parent's own test option, for every module
            if (surefire.remove("@${project.basedir}/jvm.options")) {
                surefire.addAll(fromOptionsFile); // the java argument file: the options file itself
            }
            tests.add(dynamicTest(lesson.getFileName() + ": jvm.options, //RUNTIME_OPTIONS and argLine agree", () -> {
                assertEquals(fromOptionsFile, fromHeaders, "jvm.options against the jbang header's //RUNTIME_OPTIONS");
                assertEquals(fromOptionsFile, surefire, "jvm.options against the pom's workbook.test.argLine");
            }));
        }
        return tests.stream();
    }

    /** "--add-opens a=b" and "--add-opens=a=b" are one flag; the list may split it over two words. */
    static Set<String> normalized(List<String> words) {
        Set<String> flags = new TreeSet<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean takesValue = word.startsWith("--")
                    && !word.contains("=")
                    && i + 1 < words.size()
                    && !words.get(i + 1).startsWith("-");
            if (takesValue) {
                flags.add(word + "=" + words.get(++i));
            } else {
                flags.add(word);
            }
        }
        return flags;
    }

    private static List<Path> lessons() throws IOException {
        try (Stream<Path> children = Files.list(ROOT)) {
            return children.filter(dir -> dir.getFileName().toString().matches("[0-9][0-9]-.+"))
                    .filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                    .sorted()
                    .toList();
        }
    }

    private static List<Path> jbangScripts() throws IOException {
        List<Path> scripts = new ArrayList<>();
        for (Path lesson : lessons()) {
            scripts.addAll(jbangScriptsIn(lesson));
        }
        return scripts;
    }

    private static List<Path> jbangScriptsIn(Path lesson) throws IOException {
        Path sources = lesson.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(ProjectFilesAgreeTest::isJbangScript)
                    .sorted()
                    .toList();
        }
    }

    private static boolean isJbangScript(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.findFirst().orElse("").startsWith("///usr/bin/env jbang");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** group:artifact to version, from every pom: literal versions and ${properties}. */
    private static Map<String, String> pomVersions() throws IOException {
        Map<String, String> versions = new HashMap<>();
        Document parent = pom(ROOT.resolve("pom.xml"));
        List<Path> poms = new ArrayList<>(List.of(ROOT.resolve("pom.xml")));
        try (Stream<Path> children = Files.list(ROOT)) {
            children.map(dir -> dir.resolve("pom.xml"))
                    .filter(Files::isRegularFile)
                    .forEach(poms::add);
        }
        for (Path pomFile : poms) {
            Document pom = pom(pomFile);
            NodeList dependencies = pom.getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element dependency = (Element) dependencies.item(i);
                String version = text(dependency, "version");
                if (version == null) {
                    continue;
                }
                Matcher property = Pattern.compile("\\$\\{(.+)}").matcher(version);
                if (property.matches()) {
                    String value = property(pom, property.group(1));
                    version = value != null ? value : property(parent, property.group(1));
                }
                if (version != null) {
                    versions.put(text(dependency, "groupId") + ":" + text(dependency, "artifactId"), version);
                }
            }
        }
        return versions;
    }

    private static Document pom(Path file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static String property(Document pom, String name) {
        NodeList properties = pom.getElementsByTagName("properties");
        for (int i = 0; i < properties.getLength(); i++) {
            String value = text((Element) properties.item(i), name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(Element parent, String child) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(child)) {
                return element.getTextContent().strip();
            }
        }
        return null;
    }
}
