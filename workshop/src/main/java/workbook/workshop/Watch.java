package workbook.workshop;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import workbook.harness.ExitCode;

/**
 * {@code ./workbook watch NN}: the loop learners of exercise courses live in. Checks lesson NN
 * once, then again each time a {@code .java} file under its {@code src/exercise/java} is saved,
 * clearing the screen before each verdict. An editor's save is often several writes in a row, so
 * a check starts once the folder has been quiet for {@value #QUIET_MILLIS} ms. Ctrl-C ends it.
 *
 * <p>After every verdict it prints a line starting with {@value #WAITING}: the sign (for a person
 * and for a test) that it waits for the next save.
 */
final class Watch {
    static final String WAITING = "Watching ";
    static final long QUIET_MILLIS = 300;
    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    private Watch() {}

    /** Runs until the thread is interrupted (or the JVM ends with Ctrl-C). */
    static int run(LessonModule lesson, Runnable check, PrintWriter out) {
        Path folder = lesson.exerciseSources();
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("lesson " + lesson.id() + " has no exercise yet (" + lesson.shown(folder)
                    + "): run ./workbook exercises");
        }
        try (WatchService service = FileSystems.getDefault().newWatchService()) {
            registerTree(service, folder);
            checkAndWait(lesson, check, out);
            while (true) {
                WatchKey key = service.take();
                boolean saved = handle(service, key);
                // Let a burst of writes settle before checking.
                for (WatchKey more = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
                        more != null;
                        more = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) {
                    saved |= handle(service, more);
                }
                if (saved) {
                    checkAndWait(lesson, check, out);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
            return ExitCode.OK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + folder, e);
        }
    }

    private static void checkAndWait(LessonModule lesson, Runnable check, PrintWriter out) {
        out.print(CLEAR_SCREEN);
        out.flush();
        try {
            check.run();
        } catch (RuntimeException problem) {
            // A broken state (a marker error, a lesson not built) is shown, and the watch goes on.
            out.println("workbook: " + problem.getMessage());
        }
        out.println(WAITING + lesson.shown(lesson.exerciseSources())
                + ": save a file there to check again. Ctrl-C ends the watch.");
        out.flush();
    }

    /** Reads one key's events; true when a .java file changed. Newly made folders are watched too. */
    private static boolean handle(WatchService service, WatchKey key) throws IOException {
        boolean saved = false;
        Path folder = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                saved = true;
                continue;
            }
            Path changed = folder.resolve((Path) event.context());
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(changed)) {
                registerTree(service, changed);
                saved = true;
            } else if (changed.getFileName().toString().endsWith(".java")) {
                saved = true;
            }
        }
        key.reset();
        return saved;
    }

    private static void registerTree(WatchService service, Path root) throws IOException {
        try (Stream<Path> folders = Files.walk(root)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                folder.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            }
        }
    }
}
