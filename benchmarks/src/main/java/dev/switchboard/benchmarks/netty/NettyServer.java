package dev.switchboard.benchmarks.netty;

import dev.switchboard.benchmarks.Arguments;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.Version;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: Switchboard's uppercase job written directly on Netty 4.2, the way a skilled Netty
 * engineer would, on the same framings and with the same bounds as Switchboard's defaults.
 *
 * <ul>
 *   <li>TCP raw: each read's bytes upper-cased in place and written back.
 *   <li>TCP line: {@link LineBasedFrameDecoder} (the terminator kept in the frame, so the reply
 *       ends with the request's LF or CRLF, as Switchboard's does), each line upper-cased in place.
 *   <li>UDP: each datagram upper-cased in place and sent back to its sender; one channel per event
 *       loop sharing the port through SO_REUSEPORT (as Switchboard's receive loops do), whole
 *       datagrams up to 64 KiB (Netty's default would cut them at 2,048 bytes); on epoll read in
 *       batches with {@code recvmmsg} and answered with {@code sendmmsg}.
 * </ul>
 *
 * One acceptor thread, event loops = available processors, Netty's default allocator,
 * TCP_NODELAY, writes flushed once per read batch, reading paused above a 64 KiB write backlog.
 * {@link #settings} lists every setting, for the report.
 */
public final class NettyServer implements AutoCloseable {

    /** Switchboard's default max-message-bytes, the longest line. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    private static final int BACKLOG = 1024;
    private static final int UDP_RECEIVE_BUFFER = 4 << 20;
    private static final int UDP_SEND_BUFFER = 1 << 20;
    private static final WriteBufferWaterMark WATERMARK = new WriteBufferWaterMark(16 * 1024, 64 * 1024);
    private static final Set<String> OPTIONS = Set.of("transport", "host", "tcp-raw", "tcp-line", "udp", "threads");

    private static final String USAGE = """
            usage: netty [--transport nio|epoll] [--host 127.0.0.1] [--tcp-raw PORT] [--tcp-line PORT] [--udp PORT]
                         [--threads N]
              each port: 0 picks a free one; an endpoint whose port is not given is not started
              --threads  event loops (0 = one per available processor)
            """;

    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final List<Channel> channels = new ArrayList<>();
    private InetSocketAddress tcpRawAddress;
    private InetSocketAddress tcpLineAddress;
    private InetSocketAddress udpAddress;

    private NettyServer(NettyTransport transport, int threads) {
        this.acceptor = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        this.workers = new MultiThreadIoEventLoopGroup(threads, transport.ioHandlerFactory());
    }

    /**
     * Starts the server and prints one line with its bound addresses; stops it on SIGTERM.
     *
     * @param args the options in the usage text
     */
    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help")) {
            System.out.print(USAGE);
            return;
        }
        Arguments a;
        try {
            a = Arguments.parse(List.of(args), OPTIONS, Set.of());
        } catch (IllegalArgumentException e) {
            System.err.println("netty: " + e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // a benchmark baseline at its fastest; the handlers release every buffer they are given
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        NettyTransport transport = NettyTransport.named(a.text("transport", "nio"));
        String host = a.text("host", "127.0.0.1");
        NettyServer server = start(transport, a.integer("threads", 0, 0, 1024),
                a.has("tcp-raw") ? new InetSocketAddress(host, a.integer("tcp-raw", 0, 0, 65535)) : null,
                a.has("tcp-line") ? new InetSocketAddress(host, a.integer("tcp-line", 0, 0, 65535)) : null,
                a.has("udp") ? new InetSocketAddress(host, a.integer("udp", 0, 0, 65535)) : null);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "netty-stop"));
        System.out.println("netty-" + transport + " ready: tcp-raw=" + hostPort(server.tcpRawAddress)
                + " tcp-line=" + hostPort(server.tcpLineAddress) + " udp=" + hostPort(server.udpAddress)
                + " allocator=" + ByteBufAllocator.DEFAULT.getClass().getSimpleName());
    }

    /**
     * @param threads event loops; 0 = one per available processor
     * @param tcpRaw where to listen with raw framing, or {@code null}
     * @param tcpLine where to listen with line framing, or {@code null}
     * @param udp where to receive datagrams, or {@code null}
     * @return the started server
     */
    public static NettyServer start(NettyTransport transport, int threads, InetSocketAddress tcpRaw,
            InetSocketAddress tcpLine, InetSocketAddress udp) throws InterruptedException {
        int loops = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        NettyServer server = new NettyServer(transport, loops);
        try {
            if (tcpRaw != null) {
                server.tcpRawAddress = server.listen(transport, tcpRaw, UppercaseHandler.INSTANCE);
            }
            if (tcpLine != null) {
                server.tcpLineAddress = server.listen(transport, tcpLine, new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(MAX_MESSAGE_BYTES, false, true),
                                UppercaseHandler.INSTANCE);
                    }
                });
            }
            if (udp != null) {
                server.udpAddress = server.receive(transport, udp);
            }
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** @return the address of the raw-framed TCP listener, or {@code null} if not started */
    public InetSocketAddress tcpRawAddress() {
        return tcpRawAddress;
    }

    /** @return the address of the line-framed TCP listener, or {@code null} if not started */
    public InetSocketAddress tcpLineAddress() {
        return tcpLineAddress;
    }

    /** @return the address of the UDP sockets, or {@code null} if not started */
    public InetSocketAddress udpAddress() {
        return udpAddress;
    }

    private InetSocketAddress listen(NettyTransport transport, InetSocketAddress address, ChannelHandler handler)
            throws InterruptedException {
        Channel channel = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATERMARK)
                .childHandler(handler)
                .bind(address).sync().channel();
        channels.add(channel);
        return (InetSocketAddress) channel.localAddress();
    }

    /** Binds one datagram channel on each event loop, all on one port: the kernel spreads the senders over them. */
    private InetSocketAddress receive(NettyTransport transport, InetSocketAddress address) throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap()
                .channel(transport.datagramChannel())
                .option(transport.reusePort(), true)
                .option(ChannelOption.SO_RCVBUF, UDP_RECEIVE_BUFFER)
                .option(ChannelOption.SO_SNDBUF, UDP_SEND_BUFFER)
                .handler(DatagramUppercaseHandler.INSTANCE);
        transport.readDatagrams(bootstrap);
        InetSocketAddress bound = address;
        for (EventExecutor loop : workers) {
            Channel channel = bootstrap.clone().group((EventLoop) loop).bind(bound).sync().channel();
            channels.add(channel);
            bound = (InetSocketAddress) channel.localAddress();
        }
        return bound;
    }

    /**
     * @param transport the transport the server runs on
     * @param loops the event loops it was given ({@code --threads})
     * @return every setting of the baseline on that transport, one Markdown phrase each
     */
    public static List<String> settings(NettyTransport transport, int loops) {
        List<String> settings = new ArrayList<>(List.of(
                "Netty " + version() + ", " + transport + " transport"
                        + (transport == NettyTransport.EPOLL ? " (level-triggered: 4.2 registers channels without `EPOLLET`)" : ""),
                "one acceptor thread; " + loops + " event loop" + (loops == 1 ? "" : "s") + " (`--threads " + loops
                        + "`, as many as Switchboard's endpoints get)",
                "Netty's default allocator (`" + ByteBufAllocator.DEFAULT.getClass().getSimpleName()
                        + "`) for TCP; leak detection off",
                "TCP: `TCP_NODELAY`, `SO_BACKLOG` " + BACKLOG + ", each request upper-cased in place (ASCII, eight "
                        + "bytes at a time) and written back, writes flushed once per read batch "
                        + "(`channelReadComplete`), reading paused above a 64 KiB write backlog "
                        + "(`WRITE_BUFFER_WATER_MARK` 16–64 KiB)",
                "TCP line framing: `LineBasedFrameDecoder(65536)` keeping the terminator",
                "UDP: one channel per event loop on one port with `SO_REUSEPORT`, `SO_RCVBUF` 4 MiB, `SO_SNDBUF` 1 MiB, "
                        + "each datagram upper-cased in place and sent back from the same buffer, replies flushed once "
                        + "per read batch"));
        transport.datagramSettings().forEach(s -> settings.add("UDP: " + s));
        if (!JDK_24_FLAGS.isEmpty()) {
            settings.add("on Java 24 and later, the JVM flags Netty asks for there, without which it runs without "
                    + "`Unsafe` and its pooled direct buffers (UDP fell from 168,000 to 45,000 datagrams a second): `"
                    + String.join(" ", JDK_24_FLAGS) + "`");
        }
        return settings;
    }

    /**
     * What Netty 4.2 needs on Java 24 and later to use {@code sun.misc.Unsafe}, its cleaner and its
     * native transport as it does on earlier releases; empty on those.
     */
    public static final List<String> JDK_24_FLAGS = Runtime.version().feature() >= 24
            ? List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                    "-Dio.netty.tryReflectionSetAccessible=true", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED")
            : List.of();

    /** @return Netty's version, from the transport jar's {@code META-INF/io.netty.versions.properties} */
    static String version() {
        Version transport = Version.identify().get("netty-transport");
        return transport == null ? "(version unknown)" : transport.artifactVersion();
    }

    private static String hostPort(InetSocketAddress address) {
        return address == null ? "-" : address.getHostString() + ":" + address.getPort();
    }

    /** Closes every channel and stops the event loops, waiting up to a few seconds. */
    @Override
    public void close() {
        channels.forEach(Channel::close);
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
