package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.transport.SourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OpenConnectionsTest {

    private static final SourceKey A = new SourceKey(0, 1);
    private static final SourceKey B = new SourceKey(0, 2);
    /** Tells a counting thread to end: compared by identity. */
    private static final SourceKey END = new SourceKey(-1, -1);

    @Test
    void countsConnectionsInAllAndPerSource() {
        OpenConnections open = new OpenConnections();
        open.opened(A);
        open.opened(A);
        open.opened(B);
        open.opened(null); // a peer that is not IP
        assertEquals(4, open.total());
        assertEquals(2, open.of(A));
        assertEquals(1, open.of(B));
        open.closed(A);
        open.closed(null);
        assertEquals(2, open.total());
        assertEquals(1, open.of(A));
    }

    @Test
    void forgetsASourceOnceItsLastConnectionCloses() {
        OpenConnections open = new OpenConnections();
        open.opened(A);
        open.opened(B);
        open.closed(A);
        assertEquals(1, open.sources());
        assertEquals(0, open.of(A));
        open.closed(B);
        assertEquals(0, open.sources());
    }

    @Test
    void neverTracksMoreSourcesThanThereAreOpenConnections() {
        OpenConnections open = new OpenConnections();
        for (int i = 0; i < 100_000; i++) { // a flood of sources, each connecting once and leaving
            SourceKey source = new SourceKey(1, i);
            open.opened(source);
            open.closed(source);
        }
        assertEquals(0, open.sources());
        assertEquals(0, open.total());
    }

    @Test
    @Timeout(60)
    void staysExactWhenOneThreadCountsInAndOthersCountOut() throws InterruptedException {
        OpenConnections open = new OpenConnections();
        BlockingQueue<SourceKey> accepted = new ArrayBlockingQueue<>(1024);
        List<Thread> loops = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            loops.add(new Thread(() -> {
                try {
                    for (SourceKey source; (source = accepted.poll(10, TimeUnit.SECONDS)) != null && source != END; ) {
                        open.closed(source);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        loops.forEach(Thread::start);
        int cycles = 200_000;
        for (int i = 0; i < cycles; i++) { // the acceptor: in with a source, then a loop counts it out
            SourceKey source = new SourceKey(0, i % 7);
            open.opened(source);
            accepted.put(source);
        }
        for (int t = 0; t < loops.size(); t++) {
            accepted.put(END);
        }
        for (Thread loop : loops) {
            loop.join();
        }
        assertEquals(0, open.total());
        assertEquals(0, open.sources());
    }
}
