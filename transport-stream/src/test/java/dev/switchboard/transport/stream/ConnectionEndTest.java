package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.api.TransportStats;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.RecordingLogger;
import dev.switchboard.testkit.StreamClient;
import java.lang.System.Logger.Level;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How connections end: by their client, cleanly or by reset, or because their service failed. */
@Timeout(30)
class ConnectionEndTest {

    @Test
    void answersEverythingPendingWhenTheClientShutsItsOutput() {
        try (TestServer server = TestServer.start("framing = line", Services.ASCII_UPPER_CASE);
                StreamClient client = server.connect()) {
            client.send("one\ntwo\r\nunterminated").shutdownOutput();
            assertEquals("ONE\nTWO\r\nUNTERMINATED", client.readToEnd());
            server.awaitStats(stats -> stats.connectionsOpen() == 0, "the connection closed");
        }
    }

    @Test
    void answersPrintfPipedIntoNetcat() {
        try (TestServer server = TestServer.start("", Services.ASCII_UPPER_CASE);
                StreamClient client = server.connect()) {
            client.send("hello").shutdownOutput();
            assertEquals("HELLO", client.readToEnd());
        }
    }

    @Test
    void takesAResetMidMessageQuietlyAsAClosedConnection() {
        try (TestServer server = TestServer.start("framing = line", Services.ASCII_UPPER_CASE)) {
            StreamClient client = server.connect();
            assertEquals("WHOLE\n", client.send("whole\nhalf a li").readLine());
            client.reset();
            TransportStats stats = server.awaitStats(s -> s.connectionsOpen() == 0, "the connection closed");
            assertEquals(Map.of(), stats.refusals());
            assertEquals(Map.of(), stats.errors());
            assertEquals(1, stats.connectionsAccepted());
        }
    }

    @Test
    void closesTheConnectionOfARequestWhoseServiceThrewAfterTheRepliesDue() {
        try (TestServer server = TestServer.start("framing = line", Services.FAILS_ON_BOOM);
                StreamClient failing = server.connect();
                StreamClient other = server.connect()) {
            failing.send("before\nboom\nafter\n");
            assertEquals("BEFORE\n", failing.readLine());
            failing.assertClosedByServer();
            TransportStats stats = server.awaitStats(s -> s.failed("service") == 1, "the failure counted");
            assertEquals(2, stats.requests(), "nothing after the failing request is handled");
            assertEquals("STILL SERVED\n", other.send("still served\n").readLine());
        }
    }

    @Test
    void logsAServiceFailureWithItsExceptionAsTheThrowableNotInTheMessage() {
        RecordingLogger logger = new RecordingLogger();
        try (TestServer server = TestServer.start("framing = line", Services.FAILS_ON_BOOM, logger);
                StreamClient client = server.connect()) {
            client.send("boom\n").assertClosedByServer();
            Await.until(() -> logger.lines().stream().anyMatch(logged -> logged.level() == Level.WARNING),
                    "the failure logged");
            RecordingLogger.Line line = logger.lines().stream().filter(logged -> logged.level() == Level.WARNING)
                    .findFirst().orElseThrow();
            assertEquals("boom", line.thrown().getMessage());
            assertFalse(line.message().contains("\tat "), line.message());
        }
    }
}
