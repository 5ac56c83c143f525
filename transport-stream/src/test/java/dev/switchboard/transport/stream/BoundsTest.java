package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.TransportStats;
import dev.switchboard.testkit.StreamClient;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every bound of a stream endpoint (write watermarks, max-connections, idle and frame timeouts, the
 * largest message and reply), driven over real sockets by a misbehaving client while others are
 * served.
 */
@Timeout(30)
class BoundsTest {

    @Test
    void stopsReadingFromAClientThatDoesNotReadItsReplies() throws IOException {
        try (TestServer server = TestServer.start("", Services.ASCII_UPPER_CASE);
                SocketChannel hog = SocketChannel.open(server.address())) {
            long sent = Hog.sendUntilStalled(hog, server, 64 * 1024);
            assertTrue(sent < Hog.ONE_GIGABYTE, "the client's writes never stalled");
            long buffered = server.transport.bufferedBytes();
            assertTrue(buffered <= 512 * 1024, "the server holds " + buffered + " bytes for it");

            try (StreamClient other = server.connect()) {
                assertEquals("STILL SERVED", other.send("still served").readString(12));
            }
        }
    }

    @Test
    void closesAndCountsAClientThatTakesNoByteOfItsRepliesForTheWriteTimeout() throws IOException {
        try (TestServer server = TestServer.start("write-timeout = 2s", Services.ASCII_UPPER_CASE);
                SocketChannel hog = SocketChannel.open(server.address())) {
            Hog.sendUntilStalled(hog, server, 64 * 1024);

            server.awaitStats(stats -> stats.refusals().getOrDefault("write-timeout", 0L) == 1,
                    "the never-reading client refused for write-timeout");
            server.awaitStats(stats -> server.transport.bufferedBytes() == 0, "its unsent replies released");
        }
    }

    @Test
    void resumesWhereItPausedOnceTheClientReadsItsReplies() throws InterruptedException {
        String padding = "x".repeat(1000);
        AtomicBoolean paused = new AtomicBoolean();
        try (TestServer server = TestServer.start("framing = line", Services.ASCII_UPPER_CASE);
                StreamClient client = server.connect()) {
            Thread writer = LineWriter.start(client, 64, i -> i + padding + "\n", paused, "end\n");
            server.awaitStats(stats -> server.transport.bufferedBytes() >= 64 * 1024,
                    "the server paused, holding the rest of a read");
            paused.set(true);

            String upperPadding = padding.toUpperCase();
            int replies = 0;
            for (String line; !(line = client.readLine()).equals("END\n"); replies++) {
                assertEquals(replies + upperPadding + "\n", line);
            }
            writer.join(10_000);
            assertEquals(replies + 1, server.stats().replies());
            server.awaitStats(stats -> server.transport.bufferedBytes() == 0, "every buffer released");
        }
    }

    @Test
    void acceptsAndClosesConnectionsBeyondTheMaximum() {
        try (TestServer server = TestServer.start("max-connections = 2", Services.ASCII_UPPER_CASE);
                StreamClient first = server.connect();
                StreamClient second = server.connect()) {
            assertEquals("A", first.send("a").readString(1));
            assertEquals("B", second.send("b").readString(1));
            try (StreamClient third = server.connect()) {
                third.assertClosedByServer();
            }
            assertEquals(1, server.awaitStats(stats -> stats.refused("max-connections") == 1, "refusal counted")
                    .refused("max-connections"));
            assertEquals("C", first.send("c").readString(1), "the connections within the maximum are still served");
            assertEquals(2, server.stats().connectionsAccepted());
        }
    }

    @Test
    void admitsANewConnectionOnceAnotherHasClosed() {
        try (TestServer server = TestServer.start("max-connections = 1", Services.ASCII_UPPER_CASE)) {
            try (StreamClient first = server.connect()) {
                assertEquals("A", first.send("a").readString(1));
            }
            server.awaitStats(stats -> stats.connectionsOpen() == 0, "the first connection closed");
            try (StreamClient second = server.connect()) {
                assertEquals("B", second.send("b").readString(1));
            }
        }
    }

    @Test
    void closesAConnectionSilentForTheIdleTimeout() {
        try (TestServer server = TestServer.start("idle-timeout = 200ms", Services.ASCII_UPPER_CASE);
                StreamClient client = server.connect()) {
            assertEquals("HI", client.send("hi").readString(2));
            client.assertClosedByServer();
            server.awaitStats(stats -> stats.refused("idle-timeout") == 1 && stats.connectionsOpen() == 0,
                    "idle timeout counted");
        }
    }

    @Test
    void closesAConnectionWhoseRequestDoesNotCompleteWithinTheFrameTimeout() {
        try (TestServer server = TestServer.start("framing = line, frame-timeout = 200ms", Services.ASCII_UPPER_CASE);
                StreamClient slowloris = server.connect();
                StreamClient other = server.connect()) {
            slowloris.send("ok\nthis line never ends");
            assertEquals("OK\n", slowloris.readLine());
            slowloris.assertClosedByServer();
            TransportStats stats = server.awaitStats(s -> s.refused("frame-timeout") == 1, "frame timeout counted");
            assertEquals(Map.of("frame-timeout", 1L), stats.refusals());
            assertEquals("FINE\n", other.send("fine\n").readLine());
        }
    }

    @Test
    void closesAConnectionThatSendsAnOverlongLineAfterAnsweringTheLinesBeforeIt() {
        try (TestServer server = TestServer.start("framing = line, max-message-bytes = 16", Services.ASCII_UPPER_CASE);
                StreamClient offender = server.connect();
                StreamClient other = server.connect()) {
            offender.send("sixteen bytes ok\n" + "x".repeat(17) + "\nnot answered\n");
            assertEquals("SIXTEEN BYTES OK\n", offender.readLine());
            offender.assertClosedByServer();
            server.awaitStats(stats -> stats.refused("message-too-large") == 1, "refusal counted");
            assertEquals("FINE\n", other.send("fine\n").readLine());
        }
    }

    @Test
    void closesAConnectionThatSendsAnOverlongFrame() {
        try (TestServer server = TestServer.start("framing = length-prefixed, max-message-bytes = 16",
                        Services.ASCII_UPPER_CASE);
                StreamClient offender = server.connect();
                StreamClient other = server.connect()) {
            offender.sendFrame("x".repeat(16)).sendFrame("x".repeat(17));
            assertEquals("X".repeat(16), offender.readFrame());
            offender.assertClosedByServer();
            server.awaitStats(stats -> stats.refused("message-too-large") == 1, "refusal counted");
            assertEquals("FINE", other.sendFrame("fine").readFrame());
        }
    }

    @Test
    void closesAConnectionThatSendsANegativeLength() {
        try (TestServer server = TestServer.start("framing = length-prefixed", Services.ASCII_UPPER_CASE);
                StreamClient offender = server.connect();
                StreamClient other = server.connect()) {
            byte[] negative = {(byte) 0x80, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'};
            offender.sendFrame("first").send(negative);
            assertEquals("FIRST", offender.readFrame());
            offender.assertClosedByServer();
            TransportStats stats = server.awaitStats(s -> s.refused("malformed-frame") == 1, "refusal counted");
            assertEquals(Map.of(), stats.errors());
            assertEquals("FINE", other.sendFrame("fine").readFrame());
        }
    }

    @Test
    void closesTheConnectionOfAReplyLargerThanMaxReplyBytes() {
        try (TestServer server = TestServer.start("max-reply-bytes = 16", (request, context, reply) -> {
                    byte[] big = new byte[17];
                    Arrays.fill(big, (byte) '!');
                    reply.write(big);
                });
                StreamClient client = server.connect()) {
            client.send("amplify");
            client.assertClosedByServer();
            server.awaitStats(stats -> stats.refused("reply-too-large") == 1, "refusal counted");
        }
    }
}
