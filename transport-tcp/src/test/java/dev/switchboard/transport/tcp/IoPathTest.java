package dev.switchboard.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportContext;
import dev.switchboard.testkit.RecordingLogger;
import dev.switchboard.testkit.StreamClient;
import dev.switchboard.testkit.TestSettings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The path this module's tests run on: epoll through the accelerated module where the build puts it
 * on the module path with native access (JDK 22 and later: the {@code jdk22} profile sets
 * {@code switchboard.test.stream-io = epoll}), else {@code java.nio}.
 */
@Timeout(30)
class IoPathTest {

    private static final MessageService UPPER = MessageService.ofText(text -> text.toUpperCase(Locale.ROOT));

    @Test
    void servesThroughThePathTheBuildProvidesAndSaysSoInOneInfoLine() throws IOException {
        String expected = "epoll".equals(System.getProperty("switchboard.test.stream-io"))
                ? "connections through epoll and the Foreign Function & Memory API (dev.switchboard.transport.stream.epoll)"
                : "connections through java.nio: the module dev.switchboard.transport.stream.epoll is not on the module path"
                        + (Runtime.version().feature() < 22 ? " (it needs JDK 22 or later; this is " + Runtime.version().feature() + ")"
                                : " (a distribution built with JDK 22 or later has it in lib/jdk22/)");
        assertEquals(List.of(expected), infoLinesServing(""));
    }

    @Test
    void servesThroughJavaNioWhenIoIsNio() throws IOException {
        assertEquals(List.of("connections through java.nio: io = nio"), infoLinesServing("io = nio"));
    }

    /** Starts an endpoint, has it answer one request, stops it. */
    private static List<String> infoLinesServing(String hocon) throws IOException {
        RecordingLogger logger = new RecordingLogger();
        TransportContext context = TestSettings.transportContext("tcp", "host = \"127.0.0.1\", port = 0\n" + hocon);
        Transport transport = new TcpTransportProvider().create(new TransportContext(context.endpoint(),
                context.transport(), context.settings(), logger));
        transport.start(UPPER);
        try (StreamClient client = StreamClient.connect(transport.localAddress())) {
            assertEquals("PATH", client.send("path").readString(4));
        } finally {
            transport.stop(Duration.ofSeconds(1));
        }
        return logger.lines().stream().filter(line -> line.level() == Level.INFO).map(RecordingLogger.Line::message).toList();
    }
}
