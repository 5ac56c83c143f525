package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testkit.RecordingLogger;
import dev.switchboard.testkit.StreamClient;
import java.lang.System.Logger.Level;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The path this suite runs on: epoll where the build puts the accelerated module beside it with
 * native access ({@code transport-stream-epoll} runs this suite so, and sets
 * {@code switchboard.test.stream-io = epoll}), else {@code java.nio}.
 */
@Timeout(30)
class IoPathTest {

    @Test
    void servesTheTestBindingThroughThePathTheBuildProvidesAndSaysSoInOneInfoLine() {
        String expected = "epoll".equals(System.getProperty("switchboard.test.stream-io"))
                ? "connections through epoll and the Foreign Function & Memory API (dev.switchboard.transport.stream.epoll)"
                : "connections through java.nio: the module dev.switchboard.transport.stream.epoll is not on the module path"
                        + (Runtime.version().feature() < 22 ? " (it needs JDK 22 or later; this is " + Runtime.version().feature() + ")"
                                : " (a distribution built with JDK 22 or later has it in lib/jdk22/)");
        RecordingLogger logger = new RecordingLogger();
        try (TestServer server = TestServer.start("", Services.ASCII_UPPER_CASE, logger);
                StreamClient client = server.connect()) {
            assertEquals("PATH", client.send("path").readString(4));
        }
        assertEquals(List.of(expected), logger.lines().stream().filter(line -> line.level() == Level.INFO)
                .map(RecordingLogger.Line::message).toList());
    }
}
