package dev.switchboard.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportContext;
import dev.switchboard.testkit.RecordingLogger;
import dev.switchboard.testkit.StreamClient;
import dev.switchboard.testkit.TestSettings;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code reuse-port}: two instances on one TCP port, only when both ask for it. */
@Timeout(60)
class ReusePortTest {

    private static final int MAX_CONNECTIONS = 200;

    private static Transport started(String name, int port, boolean reusePort) throws IOException {
        Transport transport = new TcpTransportProvider().create(new TransportContext(name, "tcp",
                TestSettings.forTransport("tcp", "host = \"127.0.0.1\", port = " + port + ", reuse-port = " + reusePort
                        + ", framing = line, threads = 1"),
                System.getLogger("switchboard.endpoint." + name)));
        transport.start(MessageService.ofText(text -> name));
        return transport;
    }

    private static int port(Transport transport) {
        return ((InetSocketAddress) transport.localAddress()).getPort();
    }

    @Test
    void twoInstancesAskingForItShareThePortAndBothServe() throws IOException {
        Transport old = started("old", 0, true);
        try {
            Transport successor = started("successor", port(old), true);
            try {
                Set<String> answeredBy = new HashSet<>();
                for (int i = 0; i < MAX_CONNECTIONS && answeredBy.size() < 2; i++) {
                    try (StreamClient client = StreamClient.connect(old.localAddress())) {
                        answeredBy.add(client.send("who\n").readLine());
                    }
                }
                assertEquals(Set.of("old\n", "successor\n"), answeredBy, "the kernel spreads connections over both");
            } finally {
                successor.stop(Duration.ofSeconds(1));
            }
        } finally {
            old.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void aSecondInstanceFailsWithThePortInUseUnlessBothAskForIt() throws IOException {
        boolean[][] pairs = {{false, false}, {false, true}, {true, false}};
        for (boolean[] pair : pairs) {
            Transport first = started("first", 0, pair[0]);
            try {
                BindException e = assertThrows(BindException.class, () -> started("second", port(first), pair[1]),
                        "reuse-port = " + pair[0] + ", then " + pair[1]);
                assertTrue(e.getMessage().endsWith("in use"), e.getMessage());
            } finally {
                first.stop(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void warnsWhenTheKernelWouldResetTheHandshakesInFlightAtAStop(@TempDir Path folder) throws IOException {
        Path sysctl = Files.writeString(folder.resolve("tcp_migrate_req"), "0\n");
        RecordingLogger log = new RecordingLogger();
        RequestMigration.warnIfOff(sysctl, log);
        assertEquals(1, log.lines().size());
        assertTrue(log.lines().get(0).message().contains("net.ipv4.tcp_migrate_req = 1"), log.lines().toString());
    }

    @Test
    void saysNothingWhenTheKernelMigratesThemOrCannot(@TempDir Path folder) throws IOException {
        RecordingLogger log = new RecordingLogger();
        RequestMigration.warnIfOff(Files.writeString(folder.resolve("tcp_migrate_req"), "1\n"), log);
        RequestMigration.warnIfOff(folder.resolve("absent"), log);
        assertEquals(0, log.lines().size(), log.lines().toString());
    }
}
