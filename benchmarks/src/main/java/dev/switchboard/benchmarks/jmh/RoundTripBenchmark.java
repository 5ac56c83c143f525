package dev.switchboard.benchmarks.jmh;

import dev.switchboard.admin.AdminEndpoint;
import dev.switchboard.api.EndpointObserver;
import dev.switchboard.api.FatalFailureHandler;
import dev.switchboard.api.MessageService;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportProvider;
import dev.switchboard.service.uppercase.UppercaseProvider;
import dev.switchboard.testkit.TestSettings;
import dev.switchboard.transport.tcp.TcpTransportProvider;
import dev.switchboard.transport.udp.UdpTransportProvider;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One request and its reply through a real transport over loopback: the whole server path (the
 * event loop's wake-up and read, the frame decoder, the uppercase service, the reply's write) with
 * a blocking client channel in the benchmark's thread. Every reply is compared with the expected
 * upper case. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is what every thread of the JVM,
 * server and client together, allocated per round trip.
 *
 * <pre>{@code
 * java -jar target/switchboard-benchmarks.jar jmh -prof gc RoundTripBenchmark
 * java -jar target/switchboard-benchmarks.jar jmh -prof gc -p service=of-text RoundTripBenchmark    # the control
 * java -jar target/switchboard-benchmarks.jar jmh -prof gc -p observer=none RoundTripBenchmark       # no observer
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoundTripBenchmark {

    /** tcp-raw and tcp-line: a TCP endpoint in that framing; udp: a UDP endpoint. */
    @Param({"tcp-raw", "tcp-line", "udp"})
    public String endpoint;

    /**
     * uppercase: the uppercase service; of-text: {@code MessageService.ofText} upper-casing a String,
     * which allocates per request on the server's thread, the control that shows the server's
     * allocations are counted ({@code -p service=of-text}).
     */
    @Param({"uppercase"})
    public String service;

    /**
     * service-times: the endpoint observed by the admin endpoint's service-time histogram, as the
     * server runs by default; none: observed by nothing ({@code -p observer=none}).
     */
    @Param({"service-times"})
    public String observer;

    /** Request size in bytes, a line's newline included. */
    @Param({"64"})
    public int size;

    private Transport transport;
    private ByteChannel client;
    private boolean stream;
    private ByteBuffer request;
    private ByteBuffer reply;
    private ByteBuffer expected;

    @Setup
    public void start() throws IOException {
        stream = endpoint.startsWith("tcp");
        String settings = "host = 127.0.0.1, port = 0, threads = 1"
                + (endpoint.equals("tcp-line") ? ", framing = line" : "");
        TransportProvider provider = stream ? new TcpTransportProvider() : new UdpTransportProvider();
        transport = provider.create(observed(TestSettings.transportContext(provider.name(), settings)));
        transport.start(switch (service) {
            case "uppercase" -> new UppercaseProvider().create(TestSettings.serviceContext("uppercase", ""));
            case "of-text" -> MessageService.ofText(text -> text.toUpperCase(Locale.ROOT));
            default -> throw new IllegalArgumentException("unknown service " + service);
        });
        InetSocketAddress address = (InetSocketAddress) transport.localAddress();
        if (stream) {
            SocketChannel channel = SocketChannel.open(address);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            client = channel;
        } else {
            client = DatagramChannel.open().connect(address);
        }
        byte[] text = UppercaseServiceBenchmark.requestBytes("ascii", size);
        text[size - 1] = '\n';
        request = ByteBuffer.allocateDirect(size).put(text).flip();
        byte[] upper = new String(text, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        expected = ByteBuffer.allocateDirect(size).put(upper).flip();
        reply = ByteBuffer.allocateDirect(size);
    }

    private TransportContext observed(TransportContext context) {
        EndpointObserver observing = switch (observer) {
            case "service-times" -> new AdminEndpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    context.memoryBudget())
                    .serviceTimes().observe(context.endpoint(), context.transport());
            case "none" -> EndpointObserver.NONE;
            default -> throw new IllegalArgumentException("unknown observer " + observer);
        };
        return new TransportContext(context.endpoint(), context.transport(), context.settings(), context.logger(),
                context.framings(), FatalFailureHandler.logging(context.logger()), context.memoryBudget(), observing);
    }

    /** @return a byte of the reply, which has been checked whole */
    @Benchmark
    public byte roundTrip() throws IOException {
        request.rewind();
        while (request.hasRemaining()) {
            client.write(request);
        }
        reply.clear();
        do { // over TCP a reply may come in pieces; a datagram is whole
            if (client.read(reply) < 0) {
                throw new EOFException("the server closed the connection");
            }
        } while (stream && reply.hasRemaining());
        reply.flip();
        if (!reply.equals(expected)) {
            throw new IllegalStateException("wrong reply from the " + endpoint + " endpoint");
        }
        return reply.get(0);
    }

    @TearDown
    public void stop() throws IOException {
        client.close();
        transport.stop(Duration.ofSeconds(1));
    }
}
