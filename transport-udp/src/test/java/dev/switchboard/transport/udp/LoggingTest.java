package dev.switchboard.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.api.TransportContext;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.RecordingLogger;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LoggingTest {

    private final RecordingLogger logger = new RecordingLogger();

    @Test
    void logsAFloodOfServiceFailuresOncePerInterval() {
        try (TestEndpoint endpoint = TestEndpoint.start(context("log-interval = 1 minute"), Services.failingOnFail());
                TestClient client = endpoint.client()) {
            for (int i = 0; i < 20; i++) {
                client.send("fail " + i);
            }
            client.send("next");
            assertEquals("NEXT", client.receiveText());
            endpoint.awaitStats(s -> s.failed("service") == 20, "every failure counted");
            List<RecordingLogger.Line> lines = linesButTheIoPath();
            assertEquals(1, lines.size(), lines.toString());
            assertEquals(Level.WARNING, lines.get(0).level());
            assertTrue(lines.get(0).thrown() instanceof IllegalStateException, lines.get(0).toString());
        }
    }

    @Test
    void logsAServiceFailureWithItsExceptionAsTheThrowableNotInTheMessage() {
        try (TestEndpoint endpoint = TestEndpoint.start(context(""), Services.failingOnFail());
                TestClient client = endpoint.client()) {
            client.send("fail");
            Await.until(() -> !linesButTheIoPath().isEmpty(), "the failure logged");
            RecordingLogger.Line line = linesButTheIoPath().get(0);
            assertEquals("the test service fails on purpose", line.thrown().getMessage());
            assertFalse(line.message().contains("\tat "), line.message());
        }
    }

    @Test
    void saysSoWhenTheKernelGrantsASmallerReceiveBufferThanAskedFor() throws IOException {
        Path rmemMax = Path.of("/proc/sys/net/core/rmem_max");
        assumeTrue(Files.isReadable(rmemMax)
                && Long.parseLong(Files.readString(rmemMax).strip()) < 256 << 20, "receive buffers of 1 GiB allowed here");
        try (TestEndpoint endpoint = TestEndpoint.start(context("receive-buffer-bytes = 1GiB"), Services.upper())) {
            assertTrue(endpoint.address().getPort() > 0);
            List<RecordingLogger.Line> lines = linesButTheIoPath();
            assertEquals(1, lines.size(), lines.toString());
            assertEquals(Level.INFO, lines.get(0).level());
            assertTrue(lines.get(0).message().contains("of the 1073741824 asked for in receive-buffer-bytes"),
                    lines.get(0).message());
        }
    }

    @Test
    void saysInOneInfoLineAtTheStartHowDatagramsAreReadAndWhy() {
        try (TestEndpoint endpoint = TestEndpoint.start(context("io = nio"), Services.upper())) {
            assertTrue(endpoint.address().getPort() > 0);
            List<RecordingLogger.Line> lines = logger.lines().stream().filter(line -> line.level() == Level.INFO).toList();
            assertEquals(1, lines.size(), lines.toString());
            assertEquals("datagrams one per system call through java.nio: io = nio", lines.get(0).message());
        }
    }

    @Test
    void servesWithJavaNioWhereTheBatchedModuleIsMissingAndSaysWhy() {
        assumeTrue(ModuleLayer.boot().findModule(IoPath.BATCHED_MODULE).isEmpty(), "the batched module is here");
        try (TestEndpoint endpoint = TestEndpoint.start(context(""), Services.upper())) {
            assertTrue(endpoint.address().getPort() > 0);
            assertTrue(logger.lines().stream().anyMatch(line -> line.level() == Level.INFO && line.message().startsWith(
                    "datagrams one per system call through java.nio: the module " + IoPath.BATCHED_MODULE
                            + " is not on the module path (")), logger.lines().toString());
        }
    }

    /** @return what was logged, without the line that says how datagrams are read */
    private List<RecordingLogger.Line> linesButTheIoPath() {
        return logger.lines().stream().filter(line -> !line.message().startsWith("datagrams ")).toList();
    }

    private TransportContext context(String hocon) {
        return new TransportContext("logging", "udp", TestEndpoint.context(hocon).settings(), logger);
    }
}
