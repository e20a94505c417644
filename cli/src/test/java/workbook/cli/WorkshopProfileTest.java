package workbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parent pom's {@code workshop} profile, run by Maven on a module of two classes whose
 * exercise replaces one: with {@code -Pworkshop} the module's test sees the exercise's class and
 * the solution's other class, each compiled once; without it, the solution's. The module's test
 * says which it got by its exit; nothing is timed.
 */
class WorkshopProfileTest {
    private static final Path ROOT =
            Path.of(System.getProperty("workbook.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path project;

    @Test
    void withTheProfileTheExerciseReplacesItsSolutionFileAndTheOtherFilesStay() throws Exception {
        Path module = project.resolve("98-profile");
        write(module.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>workbook</groupId>
                    <artifactId>workbook-parent</artifactId>
                    <version>1.0-SNAPSHOT</version>
                    <relativePath>%s</relativePath>
                  </parent>
                  <artifactId>98-profile</artifactId>
                  <dependencies>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(module.relativize(ROOT.resolve("pom.xml"))));
        copy(ROOT.resolve(".mvn/jvm.config"), module.resolve(".mvn/jvm.config"));
        write(
                module.resolve("src/main/java/demo/Given.java"),
                "package demo;\npublic class Given { public static int given() { return 40; } }\n");
        write(
                module.resolve("src/main/java/demo/Written.java"),
                "package demo;\npublic class Written { public static int written() { return 1; } }\n");
        write(
                module.resolve("src/exercise/java/demo/Written.java"),
                "package demo;\npublic class Written { public static int written() { return 2; } }\n");
        write(module.resolve("src/test/java/demo/WhichTest.java"), """
                package demo;
                class WhichTest {
                    @org.junit.jupiter.api.Test
                    void theLearnersClassBesideTheGivenOne() {
                        org.junit.jupiter.api.Assertions.assertEquals(
                                Boolean.getBoolean("expect.exercise") ? 42 : 41, Given.given() + Written.written());
                    }
                }
                """);
        Maven withProfile = maven(module, "-Pworkshop", "-Dworkbook.test.argLine=-Dexpect.exercise=true");
        assertEquals(0, withProfile.exit(), withProfile.output());
        String report = Files.readString(module.resolve("target/surefire-reports/TEST-demo.WhichTest.xml"));
        assertTrue(report.contains("tests=\"1\"") && report.contains("failures=\"0\""), "the module's test ran");
        assertTrue(
                Files.isRegularFile(module.resolve("target/generated-sources/workshop/demo/Given.java")),
                "the solution's other file, copied beside the exercise");
        assertTrue(
                Files.notExists(module.resolve("target/generated-sources/workshop/demo/Written.java")),
                "the file the exercise replaces is not compiled a second time");
        Maven without = maven(module);
        assertEquals(0, without.exit(), without.output());
        assertTrue(
                Files.isDirectory(module.resolve("target/classes/demo")),
                "without the profile: the solution's classes");
    }

    private record Maven(int exit, String output) {}

    private static Maven maven(Path module, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                ROOT.resolve("mvnw").toString(),
                "-B",
                "-ntp",
                "-q",
                "-f",
                module.resolve("pom.xml").toString(),
                "test"));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(module.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new Maven(process.exitValue(), output);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
