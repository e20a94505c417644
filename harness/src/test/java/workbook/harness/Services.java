package workbook.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Registers fixture lessons and labs for one test, the way a lesson module registers its own: in
 * {@code META-INF/services}, but in a folder of the test's, seen only through the context class
 * loader that {@link java.util.ServiceLoader} reads while {@code body} runs. The harness's test-jar
 * registers nothing, so the lessons that use it never discover these fixtures. A lesson's test can
 * stand in for another lesson this way (lesson 03's fixed-cost lab looks for lesson 02).
 */
public final class Services {
    private Services() {}

    @FunctionalInterface
    public interface Body<T> {
        T run() throws Exception;
    }

    public static <T> T with(Path folder, Map<Class<?>, List<Class<?>>> providers, Body<T> body) throws Exception {
        Path services = Files.createDirectories(folder.resolve("META-INF/services"));
        providers.forEach((service, implementations) -> {
            try {
                Files.write(
                        services.resolve(service.getName()),
                        implementations.stream().map(Class::getName).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {url(folder)}, before)) {
            thread.setContextClassLoader(loader);
            return body.run();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static URL url(Path folder) {
        try {
            return folder.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
