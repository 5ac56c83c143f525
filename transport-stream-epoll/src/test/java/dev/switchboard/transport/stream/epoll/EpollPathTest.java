package dev.switchboard.transport.stream.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.api.MessageService;
import dev.switchboard.testkit.StreamClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EpollPathTest {

    private static final MessageService UPPER = MessageService.ofText(text -> text.toUpperCase(Locale.ROOT));

    @Test
    void servesATcpBindingThroughEpollWhenTheModuleHasNativeAccessAndSaysSoInOneInfoLine() {
        try (TcpEndpoint endpoint = TcpEndpoint.start("", TcpEndpoint.Tcp.loopback(), UPPER);
                StreamClient client = StreamClient.connect(endpoint.address())) {
            assertEquals(List.of("connections through epoll and the Foreign Function & Memory API"
                    + " (dev.switchboard.transport.stream.epoll)"), endpoint.infoLines());
            assertEquals("HELLO", client.send("hello").readString(5));
        }
    }

    @Test
    void servesWithJavaNioWhenIoIsNio() {
        try (TcpEndpoint endpoint = TcpEndpoint.start("io = nio", TcpEndpoint.Tcp.loopback(), UPPER);
                StreamClient client = StreamClient.connect(endpoint.address())) {
            assertEquals(List.of("connections through java.nio: io = nio"), endpoint.infoLines());
            assertEquals("HELLO", client.send("hello").readString(5));
        }
    }

    @Test
    void servesABindingThatOnlyJavaNioCanBindWithJavaNio() {
        TcpEndpoint.NioOnly binding = new TcpEndpoint.NioOnly(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (TcpEndpoint endpoint = TcpEndpoint.start("", binding, UPPER);
                StreamClient client = StreamClient.connect(endpoint.address())) {
            assertEquals(List.of("connections through java.nio: the accelerated path serves TCP over IP only"),
                    endpoint.infoLines());
            assertEquals("HELLO", client.send("hello").readString(5));
        }
    }
}
