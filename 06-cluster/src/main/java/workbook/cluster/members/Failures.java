package workbook.cluster.members;

import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.jet.impl.exception.ExecutionNotFoundException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/*
 * What went wrong on a cluster, told apart: a member that left (its chunks run again elsewhere), a
 * cluster that is gone altogether (an error, never a partial sum), members that cannot read the
 * workbook's tasks, and a chunk's own failure (a bug or a bad number, the job's failure).
 */
public final class Failures {
    private Failures() {}

    /*
     * The member that held the chunk is gone, leaving or shutting down: MemberLeftException on a
     * member, TargetDisconnectedException or TargetNotMemberException through a client,
     * RejectedExecutionException from a member on its way out. If it was this JVM's own member or
     * client, the next submit says so.
     */
    public static boolean memberLeft(ExecutionException failure) {
        Throwable cause = failure.getCause();
        return failure instanceof MemberLeftException
                || cause instanceof MemberLeftException
                || cause instanceof TargetNotMemberException
                || cause instanceof TargetDisconnectedException
                || cause instanceof RejectedExecutionException
                || isShutDown(cause);
    }

    /* The member or client this JVM talks through has shut down (or, for a client, lost every member). */
    public static boolean isShutDown(Throwable failure) {
        return failure instanceof HazelcastInstanceNotActiveException
                || failure instanceof HazelcastClientNotActiveException
                || failure instanceof HazelcastClientOfflineException;
    }

    /*
     * A job that failed without its reason. When one member's part fails at once (a fault at the
     * very first number), the coordinator can end the job before another member has started its
     * part; that member's "start" then finds no job, and Jet reports that as the job's failure
     * (ExecutionNotFoundException; rare, seen under load; Hazelcast's issue 18860 is the same
     * race), not the exception that ended it. Running the job again shows the real reason: a
     * fault in the data fails every run.
     */
    public static boolean lostItsCause(Throwable failure) {
        return failure instanceof ExecutionNotFoundException;
    }

    public static IllegalStateException clusterGone(String what, Throwable cause) {
        return new IllegalStateException(
                "the cluster is gone: " + what
                        + " (every member has left, or this JVM's own member or client has shut down), so there is no sum",
                cause);
    }

    /*
     * A member could not read a task: a class of the workbook is missing on it. The executor sends
     * objects, never their classes, so members started from a plain Hazelcast (or another build)
     * cannot run its tasks.
     */
    public static boolean lacksWorkbookClasses(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClassNotFoundException
                    && String.valueOf(cause.getMessage()).contains("workbook.")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /* One line that says what to do; Hazelcast's own account of it only with --verbose. */
    static IllegalStateException membersLackWorkbookClasses(Throwable failure, boolean verbose) {
        if (verbose) {
            failure.printStackTrace();
        }
        return new IllegalStateException(
                "the members lack the workbook's classes; start them with `./workbook lesson 06 member`,"
                        + " or use `--engine jet`");
    }

    /*
     * The executor, except that a task it refuses because this JVM's member or client has shut down
     * (RejectedExecutionException, or one of Hazelcast's IllegalStateExceptions) becomes the
     * error "the cluster is gone", whichever of its methods was called.
     */
    static IExecutorService sayingWhenTheClusterIsGone(IExecutorService executor) {
        return (IExecutorService) Proxy.newProxyInstance(
                IExecutorService.class.getClassLoader(),
                new Class<?>[] {IExecutorService.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(executor, args);
                    } catch (InvocationTargetException thrown) {
                        Throwable cause = thrown.getCause();
                        if (cause instanceof RejectedExecutionException || isShutDown(cause)) {
                            throw clusterGone("no member is left to take a chunk", cause);
                        }
                        throw cause;
                    }
                });
    }
}
