package workbook.cluster.members;

import com.hazelcast.cluster.Member;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/*
 * What the last call through a cluster handle used, for the report and --json: the members it
 * spread its chunks over (a joined cluster's, not --members), their threads (each member says how
 * many it has; null for a member that does not, such as one started from a plain Hazelcast), the
 * chunks, and how many chunks ran again because their member left.
 */
public final class LastCall {
    private volatile List<Member> members = List.of();
    private volatile int tasks;
    private final AtomicInteger reruns = new AtomicInteger();

    /* A call begins: these members, this many chunks, nothing run again yet. */
    public void begin(List<Member> members, int tasks) {
        this.members = List.copyOf(members);
        this.tasks = tasks;
        reruns.set(0);
    }

    void rerun() {
        reruns.incrementAndGet();
    }

    /* Chunks of the last call submitted again because their member left. */
    public int reruns() {
        return reruns.get();
    }

    /* members, tasks, threads_per_member (null unless every member says the same) and workers (their total). */
    public Map<String, Object> settings() {
        List<Integer> threads = members.stream().map(LastCall::threadsOf).toList();
        boolean allKnown = !threads.isEmpty() && threads.stream().allMatch(Objects::nonNull);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("members", members.size());
        settings.put("tasks", tasks);
        settings.put(
                "threads_per_member", allKnown && threads.stream().distinct().count() == 1 ? threads.getFirst() : null);
        settings.put(
                "workers",
                allKnown ? threads.stream().mapToInt(Integer::intValue).sum() : null);
        return settings;
    }

    /* The threads a member says it sums with; null if it does not say (a member from a plain Hazelcast). */
    private static Integer threadsOf(Member member) {
        String threads = member.getAttribute(MemberSettings.THREADS_ATTRIBUTE);
        return threads == null ? null : Integer.valueOf(threads);
    }
}
