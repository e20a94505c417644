package workbook.workshop;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a thread dump taken at a hang into the few lines a learner can act on: where the thread
 * that called the learner's code waits, and in what; how many of the workers it started have
 * ended; and, for every thread running the learner's code, its state and line.
 *
 * <p>The dump is the JDK's JSON thread dump ({@code HotSpotDiagnosticMXBean.dumpThreads}), which
 * holds platform and virtual threads alike, each with its state and frames. A frame is the
 * learner's when its file is one of the learner's files (same package, same file name).
 */
final class HangDiagnosis {
    private static final Pattern FRAME = Pattern.compile("^(?:.*/)?([^/()]+)\\.([^.()]+)\\((.*)\\)$");
    private static final int THREADS_LISTED = 10;

    private HangDiagnosis() {}

    /** One frame of a stack: class, method, file and line (file null and line -1 when unknown). */
    record Frame(String className, String method, String file, int line) {
        static Frame parse(String text) {
            Matcher match = FRAME.matcher(text.strip());
            if (!match.matches()) {
                return new Frame(text.strip(), "?", null, -1);
            }
            String where = match.group(3);
            int colon = where.lastIndexOf(':');
            String file = colon < 0 ? where : where.substring(0, colon);
            int line = -1;
            if (colon >= 0) {
                try {
                    line = Integer.parseInt(where.substring(colon + 1));
                } catch (NumberFormatException e) {
                    line = -1;
                }
            }
            boolean known = file.endsWith(".java");
            return new Frame(match.group(1), match.group(2), known ? file : null, known ? line : -1);
        }

        String packageName() {
            int dot = className.lastIndexOf('.');
            return dot < 0 ? "" : className.substring(0, dot);
        }

        /** "ArrayBlockingQueue.take()", "ThreadsAndQueue.sum()", "a lambda in ThreadsAndQueue.startTakeAndJoin()". */
        String call() {
            String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
            Matcher lambda = Pattern.compile("^lambda\\$(.+?)\\$\\d+$").matcher(method);
            if (lambda.matches()) {
                return "a lambda in " + simple.replaceAll("\\.\\d+$", "") + "." + lambda.group(1) + "()";
            }
            return simple + "." + method + "()";
        }
    }

    /** One thread of the dump. */
    record DumpedThread(long id, String name, boolean virtual, String state, List<Frame> stack, String blockedOn) {
        String shownName() {
            return virtual && (name == null || name.isEmpty()) ? "virtual thread #" + id : name;
        }
    }

    /** The learner's files: path relative to the source root ("workbook/threads/ThreadsAndQueue.java") to how it is shown. */
    record LearnerFiles(Map<String, String> shownByPath) {
        boolean owns(Frame frame) {
            return frame.file() != null && shownByPath.containsKey(packagePath(frame.packageName()) + frame.file());
        }

        String where(Frame frame) {
            return shownByPath.get(packagePath(frame.packageName()) + frame.file()) + ":" + frame.line();
        }

        private static String packagePath(String packageName) {
            return packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/";
        }
    }

    /**
     * What the watch knew besides the dump: the platform threads alive when the case started, the
     * live threads the JVM or JUnit own, how many platform threads the case started that are not
     * theirs and how many of those have ended, the owner of each contended lock, and the threads
     * in a deadlock (empty when there is none).
     */
    record Context(
            Set<Long> aliveAtCaseStart,
            Set<Long> ownedByJvmOrJUnit,
            int workersStarted,
            int workersEnded,
            Map<Long, String> lockOwners,
            List<String> deadlocked) {}

    /**
     * Every thread of a dump in the JDK's JSON format ({@code HotSpotDiagnosticMXBean.dumpThreads}),
     * in the dump's order: platform and virtual threads, each with its stack.
     */
    static List<DumpedThread> threads(String json) {
        Map<String, Object> dump;
        try {
            dump = JSON.std.mapFrom(json);
        } catch (IOException notJson) {
            throw new IllegalStateException("the thread dump is not JSON: " + notJson.getMessage(), notJson);
        }
        List<DumpedThread> threads = new ArrayList<>();
        for (Object container : list(field(dump, "threadDump"), "threadContainers")) {
            for (Object thread : list(container, "threads")) {
                List<Frame> stack = new ArrayList<>();
                for (Object frame : list(thread, "stack")) {
                    stack.add(Frame.parse(String.valueOf(frame)));
                }
                Object tid = field(thread, "tid");
                Object state = field(thread, "state");
                threads.add(new DumpedThread(
                        tid == null ? -1 : Long.parseLong(tid.toString()),
                        (String) field(thread, "name"),
                        Boolean.TRUE.equals(field(thread, "virtual")),
                        state == null ? "UNKNOWN" : state.toString(),
                        List.copyOf(stack),
                        (String) field(thread, "blockedOn")));
            }
        }
        return threads;
    }

    /* The value under key in a parsed object, or null; and the list under it, or an empty one. */
    private static Object field(Object object, String key) {
        return object instanceof Map<?, ?> map ? map.get(key) : null;
    }

    private static List<?> list(Object object, String key) {
        return field(object, key) instanceof List<?> list ? list : List.of();
    }

    /** True when some thread of the dump is in the learner's code. */
    static boolean learnerCodeRuns(List<DumpedThread> threads, LearnerFiles learner) {
        return threads.stream().anyMatch(thread -> topLearnerFrame(thread, learner) >= 0);
    }

    /**
     * The lines for the learner: a headline (the caller's state, what it waits in, where, and the
     * workers), then one line per thread of the learner's code and per worker still alive.
     */
    static List<String> describe(List<DumpedThread> threads, LearnerFiles learner, Context context) {
        List<DumpedThread> inLearnerCode = threads.stream()
                .filter(thread -> topLearnerFrame(thread, learner) >= 0)
                .toList();
        List<String> lines = new ArrayList<>();
        DumpedThread caller = inLearnerCode.stream()
                .filter(thread -> !thread.virtual()
                        && (context.aliveAtCaseStart().contains(thread.id())
                                || context.ownedByJvmOrJUnit().contains(thread.id())))
                .findFirst()
                .orElse(inLearnerCode.isEmpty() ? null : inLearnerCode.getFirst());
        long virtualInLearnerCode =
                inLearnerCode.stream().filter(DumpedThread::virtual).count();
        String workers = workers(context, virtualInLearnerCode);
        if (caller == null) {
            lines.add("None of your code is on any thread's stack: the test itself is waiting" + workers + ".");
        } else {
            String who = isCaller(caller, context)
                    ? "The thread that called " + entry(caller, learner).call() + " (" + caller.shownName() + ")"
                    : caller.shownName();
            lines.add(who + " is " + doing(caller, learner, context) + workers + ".");
        }
        if (!context.deadlocked().isEmpty()) {
            lines.add("Deadlock: " + String.join(", ", context.deadlocked())
                    + " each wait for a lock that another of them holds.");
        }
        List<String> listed = new ArrayList<>();
        for (DumpedThread thread : inLearnerCode) {
            listed.add(thread.shownName() + "  " + thread.state() + "  " + doingShort(thread, learner, context));
        }
        for (DumpedThread thread : threads) {
            boolean startedInCase = !thread.virtual()
                    && !context.aliveAtCaseStart().contains(thread.id())
                    && !context.ownedByJvmOrJUnit().contains(thread.id());
            if (startedInCase && !inLearnerCode.contains(thread)) {
                listed.add(thread.shownName() + "  " + thread.state() + "  " + outside(thread)
                        + " (a thread started during this case, not running your code now)");
            }
        }
        if (!listed.isEmpty()) {
            lines.add("Threads of your code, and threads it started:");
            listed.stream().limit(THREADS_LISTED).forEach(line -> lines.add("  " + line));
            if (listed.size() > THREADS_LISTED) {
                lines.add("  ... and " + (listed.size() - THREADS_LISTED) + " more (the full dump lists them)");
            }
        }
        return lines;
    }

    private static boolean isCaller(DumpedThread thread, Context context) {
        return !thread.virtual()
                && (context.aliveAtCaseStart().contains(thread.id())
                        || context.ownedByJvmOrJUnit().contains(thread.id()));
    }

    private static String workers(Context context, long virtualInLearnerCode) {
        int started = context.workersStarted();
        String platform = started == 0
                ? "; no worker thread was started during this case"
                : "; " + context.workersEnded() + " of " + started + " worker" + (started == 1 ? " has" : "s have")
                        + " ended";
        if (virtualInLearnerCode > 0) {
            platform += ", and " + virtualInLearnerCode + " virtual thread"
                    + (virtualInLearnerCode == 1 ? " is" : "s are") + " in your code";
        }
        return platform;
    }

    /** "WAITING in ArrayBlockingQueue.take() at 02-.../ThreadsAndQueue.java:137". */
    private static String doing(DumpedThread thread, LearnerFiles learner, Context context) {
        return thread.state() + " " + doingShort(thread, learner, context);
    }

    private static String doingShort(DumpedThread thread, LearnerFiles learner, Context context) {
        int top = topLearnerFrame(thread, learner);
        Frame mine = thread.stack().get(top);
        String where = learner.where(mine);
        if ("BLOCKED".equals(thread.state())) {
            String owner = context.lockOwners().get(thread.id());
            return "at " + where + ", waiting for a lock" + (owner == null ? "" : " held by " + owner);
        }
        if (top == 0 || "RUNNABLE".equals(thread.state()) && isComputing(thread.stack(), top)) {
            return "at " + where + ", in " + mine.call() + ": still computing";
        }
        return "in " + thread.stack().get(top - 1).call() + " at " + where;
    }

    /** A RUNNABLE thread whose frames above the learner's are all plain library code, not a wait. */
    private static boolean isComputing(List<Frame> stack, int top) {
        for (int index = 0; index < top; index++) {
            String frame = stack.get(index).className() + "." + stack.get(index).method();
            if (frame.contains("park")
                    || frame.contains("wait")
                    || frame.contains("sleep")
                    || frame.contains("read")
                    || frame.contains("accept")
                    || frame.contains("poll")
                    || frame.contains("epoll")) {
                return false;
            }
        }
        return true;
    }

    /** The frame of a thread outside the learner's code that says what it does: "in LinkedBlockingQueue.take()". */
    private static String outside(DumpedThread thread) {
        for (Frame frame : thread.stack()) {
            String name = frame.className();
            if (name.startsWith("jdk.internal.")
                    || name.startsWith("java.util.concurrent.locks.")
                    || name.startsWith("sun.")
                    || name.equals("java.lang.Object")
                    || (name.equals("java.lang.Thread") && frame.method().startsWith("sleep"))
                    || name.equals("java.lang.VirtualThread")) {
                continue;
            }
            return "in " + frame.call();
        }
        return thread.stack().isEmpty()
                ? "with no Java frames"
                : "in " + thread.stack().getFirst().call();
    }

    /** The index of the topmost (most recent) frame in the learner's code, or -1. */
    private static int topLearnerFrame(DumpedThread thread, LearnerFiles learner) {
        for (int index = 0; index < thread.stack().size(); index++) {
            if (learner.owns(thread.stack().get(index))) {
                return index;
            }
        }
        return -1;
    }

    /** The bottommost frame in the learner's code: the method the test called. */
    private static Frame entry(DumpedThread thread, LearnerFiles learner) {
        for (int index = thread.stack().size() - 1; index >= 0; index--) {
            if (learner.owns(thread.stack().get(index))) {
                return thread.stack().get(index);
            }
        }
        throw new IllegalStateException("no frame of the learner's in " + thread.shownName());
    }
}
