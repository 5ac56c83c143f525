package dev.switchboard.transport;

import dev.switchboard.api.Settings;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The settings every endpoint has, whatever its transport, read and validated from its
 * {@link Settings}: {@code host} ({@code ""} or {@code "*"} mean every IPv4 interface, as in the
 * socket exercise; {@code "::"} means every interface, IPv6 and IPv4), {@code port}, {@code threads}, {@code max-message-bytes},
 * {@code worker-threads}, {@code worker-queue} and {@code log-interval}.
 *
 * @param bindAddress where to bind; port 0 picks a free port
 * @param threads I/O threads; {@code threads = 0} in the configuration means one per processor
 * @param maxMessageBytes the largest request accepted
 * @param workerThreads threads for blocking services
 * @param workerQueue how many requests may wait for a worker thread
 * @param logInterval the least time between two log lines about the same kind of refusal
 */
public record EndpointSettings(
        InetSocketAddress bindAddress,
        int threads,
        int maxMessageBytes,
        int workerThreads,
        int workerQueue,
        Duration logInterval) {

    /**
     * @return the family of the bind address: an IPv4 address, wildcard included, binds an IPv4
     *     socket; an IPv6 one binds an IPv6 socket, which serves IPv4 too where the OS allows
     */
    public StandardProtocolFamily protocolFamily() {
        return bindAddress.getAddress() instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    /**
     * @param settings the endpoint's settings
     * @param maxMessageLimit the largest {@code max-message-bytes} this transport can honour
     * @return the validated settings
     * @throws dev.switchboard.api.SettingsException naming the bad value
     */
    public static EndpointSettings from(Settings settings, int maxMessageLimit) {
        int threads = settings.integer("threads", 0, 1024);
        return new EndpointSettings(
                new InetSocketAddress(host(settings), settings.integer("port", 0, 65535)),
                threads == 0 ? Runtime.getRuntime().availableProcessors() : threads,
                (int) settings.bytes("max-message-bytes", 1, maxMessageLimit),
                settings.integer("worker-threads", 1, 4096),
                settings.integer("worker-queue", 1, 1 << 20),
                settings.duration("log-interval"));
    }

    private static InetAddress host(Settings settings) {
        String host = settings.string("host").strip();
        if (host.isEmpty() || host.equals("*")) {
            host = "0.0.0.0";
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw settings.invalid("host", "an IP address or a resolvable host name");
        }
    }
}
