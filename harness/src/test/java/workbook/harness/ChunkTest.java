package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChunkTest {

    @ParameterizedTest
    @CsvSource({"0, 1", "0, 4", "1, 4", "3, 4", "10, 4", "11, 4", "1000003, 7", "5, 5", "7, 1000", "1000000000, 2"})
    void chunksCoverEveryIndexOnceAndDifferInSizeByAtMostOne(long n, int count) {
        List<Chunk> chunks = Chunk.split(n, count);
        assertEquals(count, chunks.size());
        long expectedFrom = 0;
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        for (int i = 0; i < count; i++) {
            Chunk chunk = chunks.get(i);
            assertEquals(i, chunk.index());
            assertEquals(expectedFrom, chunk.from(), "chunk " + i + " must start where the previous one ended");
            expectedFrom = chunk.to();
            smallest = Math.min(smallest, chunk.size());
            largest = Math.max(largest, chunk.size());
        }
        assertEquals(n, expectedFrom, "the last chunk must end at n: no number dropped");
        assertTrue(largest - smallest <= 1, "sizes from " + smallest + " to " + largest);
    }

    @ParameterizedTest
    @CsvSource({"1000003, 4", "10, 3", "2, 8"})
    void chunkSumsAddUpToTheWholeSum(long n, int count) {
        Workload workload = new Workload(n, 11, -3, 17);
        long total = Chunk.split(n, count).stream()
                .mapToLong(chunk -> chunk.sum(workload))
                .sum();
        assertEquals(Oracle.sum(workload), total);
    }

    @ParameterizedTest
    @CsvSource({"10, 0", "10, -2", "-1, 2"})
    void badSplitsAreRefused(long n, int count) {
        assertThrows(IllegalArgumentException.class, () -> Chunk.split(n, count));
    }

    @org.junit.jupiter.api.Test
    void aChunkIsNamedByItsIndexAndRange() {
        org.junit.jupiter.api.Assertions.assertEquals("chunk 3 [10, 20)", new Chunk(3, 10, 20).toString());
    }
}
