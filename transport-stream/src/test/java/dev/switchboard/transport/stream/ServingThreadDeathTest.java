package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.FatalFailureHandler;
import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.FrameCodecProvider;
import dev.switchboard.api.Framings;
import dev.switchboard.api.TransportContext;
import dev.switchboard.testkit.StreamClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A serving thread that dies of a failure no connection contains (an {@link Error} where only
 * exceptions are caught) is reported through the context's {@link FatalFailureHandler}, with the
 * endpoint, the thread and the cause, so that the launcher can stop the process rather than leave
 * it bound and deaf.
 */
@Timeout(30)
class ServingThreadDeathTest {

    private static final OutOfMemoryError FAULT = new OutOfMemoryError("test");

    private record Death(String endpoint, Thread thread, Throwable cause) {}

    private final CompletableFuture<Death> death = new CompletableFuture<>();

    private TransportContext context(String hocon, Framings framings) {
        TransportContext test = TestServer.context(hocon, null);
        return new TransportContext("doomed", test.transport(), test.settings(), test.logger(), framings,
                (endpoint, thread, cause) -> death.complete(new Death(endpoint, thread, cause)));
    }

    private Death awaitDeath() throws Exception {
        return death.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anAcceptorKilledByAnErrorIsReportedWithTheEndpointThreadAndCause() throws Exception {
        TransportContext context = context("", Framings.installed());
        StreamTransport transport = new StreamTransport(context, StreamSettings.from(context), new FailingBinding());
        transport.start(Services.ASCII_UPPER_CASE);
        try (StreamClient client = StreamClient.connect(transport.localAddress())) {
            Death reported = awaitDeath();

            assertEquals("doomed", reported.endpoint());
            assertTrue(reported.thread().getName().startsWith("switchboard-doomed-acceptor"), reported.thread().getName());
            assertSame(FAULT, reported.cause());
        } finally {
            transport.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void anEventLoopKilledByAnErrorIsReportedAndClosesItsConnections() throws Exception {
        TransportContext context = context("threads = 1, framing = fatal", new FatalFraming());
        StreamTransport transport = TestServer.create(context);
        transport.start(Services.ASCII_UPPER_CASE);
        try (StreamClient client = StreamClient.connect(transport.localAddress())) {
            client.send("hello");
            Death reported = awaitDeath();

            assertEquals("doomed", reported.endpoint());
            assertTrue(reported.thread().getName().startsWith("switchboard-doomed-loop"), reported.thread().getName());
            assertSame(FAULT, reported.cause());
            client.assertClosedByServer();
        } finally {
            transport.stop(Duration.ofSeconds(1));
        }
    }

    /** Binds the loopback address and fails to set up each connection with an {@link Error}. */
    private static final class FailingBinding implements StreamBinding {
        @Override
        public SocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        }

        @Override
        public ServerSocketChannel bind(int backlog) throws IOException {
            return ServerSocketChannel.open(StandardProtocolFamily.INET).bind(address(), backlog);
        }

        @Override
        public void configure(SocketChannel connection) {
            throw FAULT;
        }
    }

    /** One framing, {@code fatal}, whose codec fails every decode with an {@link Error}. */
    private static final class FatalFraming implements Framings {
        @Override
        public Optional<FrameCodecProvider> find(String name) {
            return name.equals("fatal") ? Optional.of(new FrameCodecProvider() {
                @Override
                public String name() {
                    return "fatal";
                }

                @Override
                public FrameCodec create(dev.switchboard.api.FrameCodecContext context) {
                    return new FrameCodec() {
                        @Override
                        public int decode(ByteBuffer in, int searchFrom) {
                            throw FAULT;
                        }

                        @Override
                        public int decodeLast(ByteBuffer in) {
                            return NEED_MORE;
                        }

                        @Override
                        public int maxFrameBytes() {
                            return 1024;
                        }
                    };
                }
            }) : Optional.empty();
        }

        @Override
        public String available() {
            return "fatal";
        }
    }
}
