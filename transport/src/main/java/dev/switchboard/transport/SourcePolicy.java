package dev.switchboard.transport;

import dev.switchboard.api.Settings;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * How an endpoint on IP tells its peers apart, read from the settings that
 * {@code switchboard-transport/sources.conf} declares (a transport's {@code reference.conf} includes
 * it: {@code include required(classpath("switchboard-transport/sources.conf"))}): which peers it
 * serves at all, what one source is for per-source limits, and how many sources' rates it tracks.
 * Peers that are not IP, such as a Unix-domain socket's, have no source: every list admits them and
 * no per-source limit counts them, since every one of them is a local process that the socket file's
 * permissions let in. Immutable.
 *
 * @param access the {@code allow} and {@code deny} lists
 * @param ipv4Prefix how many leading bits of an IPv4 address make its source ({@code source-prefix-ipv4}, 32 = the address)
 * @param ipv6Prefix how many leading bits of an IPv6 address make its source ({@code source-prefix-ipv6}, 64 by default)
 * @param maxTrackedSources how many sources' rates are tracked at most ({@code max-tracked-sources})
 */
public record SourcePolicy(AccessList access, int ipv4Prefix, int ipv6Prefix, int maxTrackedSources) {

    /** The defaults of {@code sources.conf}: everyone served, sources by IPv4 address and IPv6 /64. */
    public static final SourcePolicy DEFAULT = new SourcePolicy(AccessList.EVERYONE, 32, 64, 16_384);

    /** Checks the ranges. */
    public SourcePolicy {
        Objects.requireNonNull(access, "access");
        if (ipv4Prefix < 0 || ipv4Prefix > 32 || ipv6Prefix < 0 || ipv6Prefix > 128 || maxTrackedSources < 1) {
            throw new IllegalArgumentException("prefix lengths or table size out of range");
        }
    }

    /**
     * @param settings the endpoint's settings
     * @return the validated policy
     * @throws dev.switchboard.api.SettingsException naming the bad value, or the bad entry of a list
     */
    public static SourcePolicy from(Settings settings) {
        return new SourcePolicy(
                AccessList.from(settings),
                settings.integer("source-prefix-ipv4", 0, 32),
                settings.integer("source-prefix-ipv6", 0, 128),
                settings.integer("max-tracked-sources", 64, 1 << 24));
    }

    /**
     * @param peer a peer's address
     * @return whether the endpoint serves it; always for a peer that is not IP
     */
    public boolean admits(SocketAddress peer) {
        return !(peer instanceof InetSocketAddress inet) || inet.getAddress() == null
                || access.admits(inet.getAddress());
    }

    /**
     * @param peer a peer's address
     * @return its source, or null for a peer that is not IP (exempt from per-source limits)
     */
    public SourceKey sourceOf(SocketAddress peer) {
        return peer instanceof InetSocketAddress inet && inet.getAddress() != null
                ? SourceKey.of(inet.getAddress(), ipv4Prefix, ipv6Prefix)
                : null;
    }
}
