package dev.switchboard.transport.udp;

import static java.lang.System.Logger.Level.INFO;

import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.Closeables;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The datagram sockets of one endpoint, all bound to one address: one per loop, sharing the port
 * through {@code SO_REUSEPORT}, so that the kernel spreads the senders over them (Linux hashes each
 * sender's address and port to one socket, so one sender's datagrams stay in order).
 *
 * <p>With {@code reuse-port = true} every socket asks for {@code SO_REUSEPORT}, even a single one,
 * and no probe checks that the port is free: another instance's sockets asking for it too share the
 * port, and the kernel spreads senders over the sockets of both. With {@code reuse-port = false} a
 * port in use fails the start; one socket ({@code threads = 1}) does not ask for the option, so no
 * socket can join it later. Several do, and Linux lets a later socket of the same effective user that
 * asks for it join them: it decides by the first socket of the port's hash chain, which is also the
 * one whose flag makes the kernel spread datagrams over the group, so it cannot refuse newcomers and
 * still spread (measured on Linux 6.18; docs/DECISIONS.md).
 *
 * @param <C> the kind of socket: a {@link DatagramChannel}, or a batched one
 */
final class SocketGroup<C extends NetworkChannel> implements AutoCloseable {

    private final List<C> channels;
    private final InetSocketAddress localAddress;

    private SocketGroup(List<C> channels, InetSocketAddress localAddress) {
        this.channels = List.copyOf(channels);
        this.localAddress = localAddress;
    }

    /**
     * Binds {@code threads} sockets to the endpoint's address, or one where the platform cannot
     * spread datagrams over several (saying why in one line at INFO level).
     *
     * @param settings the endpoint's address, socket count and buffer sizes
     * @param logger where the endpoint logs
     * @param opener opens an unbound socket of a protocol family, such as {@code DatagramChannel::open}
     * @param <C> the kind of socket
     * @return the bound, blocking sockets
     * @throws BindException naming the address, such as {@code "0.0.0.0:12000: Address already in
     *     use"}, with nothing left open
     * @throws IOException if a socket cannot be opened or bound for another reason, nothing left open
     */
    static <C extends NetworkChannel> SocketGroup<C> bind(UdpSettings settings, System.Logger logger, Opener<C> opener)
            throws IOException {
        InetSocketAddress address = settings.bindAddress();
        List<C> channels = new ArrayList<>();
        try {
            C first = open(address, settings, opener);
            channels.add(first);
            int count = socketCount(first, settings.endpoint().threads(), logger);
            if (settings.reusePort()) {
                if (!first.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                    throw new SocketException(Addresses.format(address)
                            + ": reuse-port = true, but SO_REUSEPORT is not supported here");
                }
                first.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            } else if (count > 1) {
                if (address.getPort() != 0) {
                    ensureUnused(address);
                }
                first.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            bind(first, address);
            logGranted(first, StandardSocketOptions.SO_RCVBUF, settings.receiveBufferBytes(),
                    "receive-buffer-bytes", "net.core.rmem_max", logger);
            logGranted(first, StandardSocketOptions.SO_SNDBUF, settings.sendBufferBytes(),
                    "send-buffer-bytes", "net.core.wmem_max", logger);
            // with port 0 the first socket picked the port, which the others then share
            InetSocketAddress local = (InetSocketAddress) first.getLocalAddress();
            InetSocketAddress shared = new InetSocketAddress(address.getAddress(), local.getPort());
            for (int i = 1; i < count; i++) {
                C next = open(address, settings, opener);
                channels.add(next);
                next.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                bind(next, shared);
            }
            return new SocketGroup<>(channels, local);
        } catch (IOException | RuntimeException e) {
            closeAll(channels, e);
            throw e;
        }
    }

    /**
     * Only Linux spreads a port's datagrams over the sockets sharing it; BSD and macOS accept
     * {@code SO_REUSEPORT} but deliver every unicast datagram to one of the sockets.
     */
    private static int socketCount(NetworkChannel channel, int threads, System.Logger logger) {
        if (threads == 1) {
            return 1;
        }
        String os = System.getProperty("os.name", "");
        String why = !channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)
                ? "SO_REUSEPORT is not supported here"
                : !os.toLowerCase(Locale.ROOT).startsWith("linux")
                        ? os + " does not spread a port's datagrams over several sockets"
                        : null;
        if (why == null) {
            return threads;
        }
        logger.log(INFO, "serving with one socket and one thread rather than " + threads + ": " + why);
        return 1;
    }

    /**
     * Fails, with the usual BindException, if any socket uses the address: without this check a
     * socket that another of our processes bound with {@code SO_REUSEPORT} would silently share the
     * port, and each process would see only part of the traffic.
     */
    private static void ensureUnused(InetSocketAddress address) throws IOException {
        try (DatagramChannel probe = DatagramChannel.open(Addresses.family(address))) {
            bind(probe, address);
        }
    }

    private static <C extends NetworkChannel> C open(InetSocketAddress address, UdpSettings settings, Opener<C> opener)
            throws IOException {
        C channel;
        try {
            channel = opener.open(Addresses.family(address));
        } catch (UnsupportedOperationException e) {
            throw new SocketException(Addresses.format(address) + ": IPv6 is not available");
        }
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBufferBytes());
            channel.setOption(StandardSocketOptions.SO_SNDBUF, settings.sendBufferBytes());
            return channel;
        } catch (IOException | RuntimeException e) {
            closeAll(List.of(channel), e);
            throw e;
        }
    }

    private static void bind(NetworkChannel channel, InetSocketAddress address) throws IOException {
        try {
            channel.bind(address);
        } catch (BindException e) {
            throw Addresses.bindFailure(address, e);
        }
    }

    private static void logGranted(NetworkChannel channel, SocketOption<Integer> option, int asked,
            String setting, String cap, System.Logger logger) throws IOException {
        int granted = channel.getOption(option);
        if (granted < asked) {
            logger.log(INFO, "the kernel granted " + granted + " bytes of the " + asked + " asked for in " + setting
                    + " (raise " + cap + " to grant more)");
        }
    }

    private static void closeAll(List<? extends NetworkChannel> channels, Exception failure) {
        for (NetworkChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** @return the sockets, one per loop */
    List<C> channels() {
        return channels;
    }

    /** @return the address they are bound to, with the actual port */
    InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Closes every socket. */
    @Override
    public void close() {
        channels.forEach(Closeables::closeQuietly);
    }

    /**
     * Opens an unbound socket.
     *
     * @param <C> the kind of socket
     */
    @FunctionalInterface
    interface Opener<C extends NetworkChannel> {

        /**
         * @param family the protocol family of the address to bind
         * @return the socket, open and unbound
         * @throws UnsupportedOperationException if the family is not available
         * @throws IOException if it cannot be opened
         */
        C open(ProtocolFamily family) throws IOException;
    }
}
