package dev.switchboard.benchmarks.netty;

import dev.switchboard.benchmarks.Arguments;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.ResourceLeakDetector;
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
 *       datagrams up to 64 KiB (Netty's default would cut them at 2,048 bytes).
 * </ul>
 *
 * One acceptor thread, event loops = available processors, the default pooled direct allocator,
 * TCP_NODELAY, writes flushed once per read batch, reading paused above a 64 KiB write backlog.
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
                server.udpAddress = server.receive(transport, udp, loops);
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

    private InetSocketAddress receive(NettyTransport transport, InetSocketAddress address, int sockets)
            throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap()
                .group(workers)
                .channel(transport.datagramChannel())
                .option(transport.reusePort(), true)
                .option(ChannelOption.SO_RCVBUF, UDP_RECEIVE_BUFFER)
                .option(ChannelOption.SO_SNDBUF, UDP_SEND_BUFFER)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_MESSAGE_BYTES))
                .handler(DatagramUppercaseHandler.INSTANCE);
        Channel first = bootstrap.bind(address).sync().channel();
        channels.add(first);
        InetSocketAddress bound = (InetSocketAddress) first.localAddress();
        for (int i = 1; i < sockets; i++) {
            // each bind lands on the next event loop: one socket per loop, the kernel spreading senders
            channels.add(bootstrap.bind(bound).sync().channel());
        }
        return bound;
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
