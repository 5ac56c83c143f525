package dev.switchboard.benchmarks.netty;

import io.netty.channel.ChannelOption;
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
    },
    /** Netty's JNI epoll transport: edge-triggered, fewer copies and system calls. */
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
    };

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

    /** @return {@code nio} or {@code epoll} */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
