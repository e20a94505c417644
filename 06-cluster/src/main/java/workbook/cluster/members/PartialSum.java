package workbook.cluster.members;

import java.io.Serializable;

/*
 * What a member sends back for chunk number `chunk`: its part of the sum, and where and when it was added up,
 * for the timeline. The times are the member's own System.nanoTime(), whose origin is that JVM's
 * (Pieces turns them into the caller's); `jvm` says which JVM that was ("pid@host").
 */
public record PartialSum(
        int chunk,
        long from,
        long to,
        long sum,
        String member,
        String thread,
        String jvm,
        long startNanos,
        long endNanos)
        implements Serializable {}
