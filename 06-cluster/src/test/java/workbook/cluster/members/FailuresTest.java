package workbook.cluster.members;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.jet.impl.exception.ExecutionNotFoundException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import workbook.harness.Workload;

/** How a failure on the cluster is told apart; the races behind them cannot be staged on demand. */
class FailuresTest {

    @Test
    void onlyAJobThatLostItsReasonIsRunAgain() {
        assertTrue(Failures.lostItsCause(new ExecutionNotFoundException("job 1, execution 2 not found")));
        assertFalse(Failures.lostItsCause(new Workload.InjectedFault(0)));
        assertFalse(Failures.lostItsCause(new IllegalStateException("job 1, execution 2 not found")));
    }

    @Test
    void aMemberThatLeftIsNotTheJobsOwnFailure() {
        assertTrue(Failures.memberLeft(new ExecutionException(new MemberLeftException("gone"))));
        assertTrue(Failures.memberLeft(new ExecutionException(new HazelcastInstanceNotActiveException())));
        assertFalse(Failures.memberLeft(new ExecutionException(new Workload.InjectedFault(3))));
    }
}
