package dev.switchboard.benchmarks.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.StandardSocketOptions;
import java.util.List;
import java.util.Locale;

/** Netty's two transports on Linux: the JDK's NIO selector, and the native epoll one. */
public enum NettyTransport {
    /** {@code java.nio} channels and selector, as Switchboard uses. */
    NIO {
        @Override
        IoHandlerFactory ioHandlerFactory() {
            return NioIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerChannel> serverChannel() {
            return NioServerSocketChannel.class;
        }

        @Override
        Class<? extends DatagramChannel> datagramChannel() {
            return NioDatagramChannel.class;
        }

        @Override
        ChannelOption<Boolean> reusePort() {
            return NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT);
        }

        @Override
        void readDatagrams(Bootstrap bootstrap) {
            bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(NettyServer.MAX_MESSAGE_BYTES));
        }

        @Override
        List<String> datagramSettings() {
            return List.of("each datagram read by one `DatagramChannel.receive` into a 64 KiB buffer "
                    + "(`FixedRecvByteBufAllocator(65536)`; Netty's default would cut datagrams at 2,048 bytes), "
                    + "at most 16 per wake-up (Netty's default for datagram channels)");
        }
    },
    /** Netty's JNI epoll transport: level-triggered in 4.2, fewer copies and system calls. */
    EPOLL {
        @Override
        IoHandlerFactory ioHandlerFactory() {
            Epoll.ensureAvailability();
            return EpollIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerChannel> serverChannel() {
            return EpollServerSocketChannel.class;
        }

        @Override
        Class<? extends DatagramChannel> datagramChannel() {
            return EpollDatagramChannel.class;
        }

        @Override
        ChannelOption<Boolean> reusePort() {
            return EpollChannelOption.SO_REUSEPORT;
        }

        /**
         * {@code EpollDatagramChannel} reads with {@code recvmmsg} when {@code MAX_DATAGRAM_PAYLOAD_SIZE}
         * is set and the receive buffer holds more than one datagram of that size: it then reads as many
         * datagrams as fit, each into a slice of the one buffer. A buffer that big (1 MiB) is pooled by
         * {@link PooledByteBufAllocator}; Netty 4.2's default adaptive allocator pools nothing above
         * 16,896 bytes in a heap of 512 MiB or less ({@code io.netty.allocator.lowMemory}), so it would
         * allocate it afresh for every read.
         */
        @Override
        void readDatagrams(Bootstrap bootstrap) {
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, NettyServer.MAX_MESSAGE_BYTES)
                    .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(
                            NettyServer.MAX_MESSAGE_BYTES * DATAGRAMS_PER_READ).maxMessagesPerRead(DATAGRAMS_PER_READ))
                    .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
        }

        @Override
        List<String> datagramSettings() {
            return List.of("datagrams read " + DATAGRAMS_PER_READ + " at a time with `recvmmsg`: "
                            + "`EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE` = 65536 and "
                            + "`FixedRecvByteBufAllocator(65536 x " + DATAGRAMS_PER_READ + ")` with `maxMessagesPerRead("
                            + DATAGRAMS_PER_READ + ")`, each datagram a slice of one 1 MiB buffer",
                    "`ChannelOption.ALLOCATOR` = `PooledByteBufAllocator.DEFAULT` on the UDP channels: Netty 4.2's "
                            + "default adaptive allocator pools no buffer above 16,896 bytes in a heap of 512 MiB or less",
                    "replies of one read batch sent with one `sendmmsg` (Netty's epoll transport does so whenever "
                            + "a flush holds more than one datagram)",
                    "no `UDP_GRO` or `UDP_SEGMENT`: Netty offers them through `SegmentedDatagramPacket`, equal-sized "
                            + "segments to one recipient in one buffer, which an echo server answering many clients "
                            + "does not have; and loopback traffic sent one datagram at a time is not coalesced");
        }
    };

    /** epoll: datagrams one {@code recvmmsg} reads at most, Netty's default messages per read for datagram channels. */
    static final int DATAGRAMS_PER_READ = 16;

    /**
     * @param name {@code nio} or {@code epoll}
     * @return that transport
     */
    public static NettyTransport named(String name) {
        return switch (name) {
            case "nio" -> NIO;
            case "epoll" -> EPOLL;
            default -> throw new IllegalArgumentException("--transport must be nio or epoll, got " + name);
        };
    }

    /** @return the event loops' I/O handler; for epoll, fails if the native library does not load */
    abstract IoHandlerFactory ioHandlerFactory();

    abstract Class<? extends ServerChannel> serverChannel();

    abstract Class<? extends DatagramChannel> datagramChannel();

    /** @return the SO_REUSEPORT option, which lets one datagram channel per event loop share the UDP port */
    abstract ChannelOption<Boolean> reusePort();

    /** Sets how the transport's datagram channels read: buffer sizes, batching, allocator. */
    abstract void readDatagrams(Bootstrap bootstrap);

    /** @return how {@link #readDatagrams} reads, for the report */
    abstract List<String> datagramSettings();

    /** @return {@code nio} or {@code epoll} */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
