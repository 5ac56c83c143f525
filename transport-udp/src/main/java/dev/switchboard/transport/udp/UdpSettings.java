package dev.switchboard.transport.udp;

import dev.switchboard.api.Settings;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.EndpointSettings;
import dev.switchboard.transport.SourcePolicy;
import dev.switchboard.transport.TokenBucket;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A udp endpoint's settings, read and validated from its {@link Settings}; see the module's
 * {@code reference.conf} for what each means.
 *
 * @param bindAddress where to bind; port 0 picks a free port
 * @param endpoint the settings every endpoint has
 * @param maxReplyRatio how many times its request a reply may be at most; 0 = no limit
 * @param receiveBufferBytes the {@code SO_RCVBUF} asked for each socket
 * @param sendBufferBytes the {@code SO_SNDBUF} asked for each socket
 * @param sources who is served and what one source is
 * @param sourceRate datagrams a second per source, or null for no limit
 * @param reusePort whether other sockets asking for {@code SO_REUSEPORT} may share the port ({@code reuse-port})
 * @param nioOnly whether {@code io = nio}: {@code java.nio} even where batched I/O is available
 */
record UdpSettings(InetSocketAddress bindAddress, EndpointSettings endpoint, int maxReplyRatio, int receiveBufferBytes, int sendBufferBytes,
        SourcePolicy sources, TokenBucket sourceRate, boolean reusePort, boolean nioOnly) {

    /** The largest UDP payload over IPv6: the 65,535-byte payload length less the 8-byte UDP header. */
    static final int MAX_DATAGRAM_IPV6 = 65_527;
    /** The largest UDP payload over IPv4: the 65,535-byte packet less the 20-byte IP and 8-byte UDP headers. */
    static final int MAX_DATAGRAM_IPV4 = 65_507;
    private static final int MIN_SOCKET_BUFFER = 1024;
    private static final int MAX_SOCKET_BUFFER = 1 << 30;

    /**
     * @param settings the endpoint's settings
     * @return the validated settings
     * @throws dev.switchboard.api.SettingsException naming the bad value
     */
    static UdpSettings from(Settings settings) {
        return new UdpSettings(
                Addresses.bindAddress(settings),
                EndpointSettings.from(settings, MAX_DATAGRAM_IPV6),
                // any ratio from 65527 up lets every reply through, as 0 does
                settings.integer("max-reply-ratio", 0, MAX_DATAGRAM_IPV6),
                (int) settings.bytes("receive-buffer-bytes", MIN_SOCKET_BUFFER, MAX_SOCKET_BUFFER),
                (int) settings.bytes("send-buffer-bytes", MIN_SOCKET_BUFFER, MAX_SOCKET_BUFFER),
                SourcePolicy.from(settings),
                sourceRate(settings),
                settings.bool("reuse-port"),
                settings.oneOf("io", List.of("auto", "nio")).equals("nio"));
    }

    /** @return {@code rate-per-source} with {@code burst-per-source} (unset: as many), or null if the rate is 0 */
    private static TokenBucket sourceRate(Settings settings) {
        int rate = settings.integer("rate-per-source", 0, TokenBucket.MAX_RATE);
        if (rate == 0) {
            return null;
        }
        return new TokenBucket(rate, settings.has("burst-per-source")
                ? settings.integer("burst-per-source", 1, TokenBucket.MAX_BURST) : rate);
    }
}
