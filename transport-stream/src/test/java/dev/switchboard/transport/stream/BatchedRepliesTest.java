package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.StreamClient;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The replies to the requests of one read are gathered and written together: every reply
 * still goes out, in request order, with its own terminator, whether the socket takes the batch at
 * once, in part, or a reply is larger than the batch.
 */
@Timeout(30)
class BatchedRepliesTest {

    @Test
    void answersEveryLineOfOneWriteInOrder() {
        try (TestServer server = TestServer.start("framing = line", Services.ASCII_UPPER_CASE);
                StreamClient client = server.connect()) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                lines.append(line(i));
            }
            client.send(lines.toString());
            for (int i = 0; i < 2000; i++) {
                assertEquals(line(i).toUpperCase(), client.readLine());
            }
            server.awaitStats(stats -> stats.replies() == 2000, "every reply counted");
        }
    }

    @Test
    void keepsTheOrderOfRepliesTheSocketDidNotTakeAtOnce() throws InterruptedException {
        AtomicBoolean paused = new AtomicBoolean();
        try (TestServer server = TestServer.start("framing = line", Services.ASCII_UPPER_CASE);
                StreamClient client = server.connect()) {
            Thread writer = LineWriter.start(client, 500, BatchedRepliesTest::line, paused, "end\n");
            // the client reads nothing yet: the socket takes part of a batch, the rest waits at the server
            server.awaitStats(stats -> server.transport.bufferedBytes() >= 64 * 1024,
                    "the server holds replies the socket did not take");
            paused.set(true);

            int replies = 0;
            for (String reply; !(reply = client.readLine()).equals("END\n"); replies++) {
                assertEquals(line(replies).toUpperCase(), reply);
            }
            writer.join(10_000);
            assertEquals(replies + 1, server.stats().replies());
        }
    }

    @Test
    void keepsRepliesLargerThanTheBatchInOrderWithSmallOnes() {
        int[] sizes = {3, 100_000, 5, 65_536, 65_530, 7, 150_000, 1};
        try (TestServer server = TestServer.start("framing = length-prefixed, max-message-bytes = 160KiB",
                        Services.ASCII_UPPER_CASE);
                StreamClient client = server.connect()) {
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < sizes.length; i++) {
                        client.sendFrame(payload(i, sizes[i]));
                    }
                } catch (UncheckedIOException e) { // the test failed and closed the connection
                }
            });
            writer.start();
            for (int i = 0; i < sizes.length; i++) {
                String reply = client.readFrame();
                String expected = payload(i, sizes[i]).toUpperCase();
                assertTrue(reply.equals(expected), "reply " + i + " should be " + describe(expected)
                        + " but is " + describe(reply));
            }
        }
    }

    /** Lines of 1 to 200 bytes, LF or CRLF, so that batches end anywhere in a reply. */
    private static String line(int i) {
        return i + "x".repeat(i * 37 % 197) + (i % 3 == 0 ? "\r\n" : "\n");
    }

    /** @return such as {@code "100000 bytes from B"}, for a message short enough to read */
    private static String describe(String payload) {
        return payload.length() + " bytes" + (payload.isEmpty() ? "" : " from " + payload.charAt(0));
    }

    private static String payload(int i, int size) {
        return String.valueOf((char) ('a' + i)).repeat(size);
    }
}
