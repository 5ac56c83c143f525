package dev.switchboard.transport.stream;

import dev.switchboard.api.Settings;
import dev.switchboard.transport.AccessList;
import dev.switchboard.transport.Cidr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether a stream endpoint reads the PROXY protocol header that a layer-4 balancer sends ahead of
 * its client's bytes, and from whom ({@code proxy-protocol} and {@code proxy-protocol-trusted} of
 * {@code switchboard-transport-stream/proxy-protocol.conf}, which a stream transport on IP includes;
 * one that does not, such as a Unix-domain transport, gets {@link #OFF}). A connection from a
 * trusted peer must start with a header of an accepted version, and is then served as from the
 * client the header names; a connection from anyone else that starts with a header is refused.
 * Immutable.
 *
 * @param version the header versions accepted; {@link Version#OFF} reads none
 * @param trusted the balancers' addresses and blocks; not empty unless the version is {@code OFF}
 */
public record ProxyProtocol(Version version, List<Cidr> trusted) {

    /** Reads no header from anyone: every peer is the client. */
    public static final ProxyProtocol OFF = new ProxyProtocol(Version.OFF, List.of());

    /** Which header versions a trusted peer may send. */
    public enum Version {
        /** None: the PROXY protocol is not used. */
        OFF,
        /** The text header, {@code PROXY TCP4 ...\r\n}. */
        V1,
        /** The binary header, with its 12-byte signature. */
        V2,
        /** Either, told apart by the first byte. */
        ANY;

        /** @return whether a header of version 1 is accepted */
        boolean acceptsV1() {
            return this == V1 || this == ANY;
        }

        /** @return whether a header of version 2 is accepted */
        boolean acceptsV2() {
            return this == V2 || this == ANY;
        }
    }

    /** Copies the list, and checks that a version other than {@code OFF} comes with someone to trust. */
    public ProxyProtocol {
        Objects.requireNonNull(version, "version");
        trusted = List.copyOf(Objects.requireNonNull(trusted, "trusted"));
        if (version != Version.OFF && trusted.isEmpty()) {
            throw new IllegalArgumentException("no trusted address for the PROXY protocol");
        }
    }

    /**
     * @param settings the endpoint's settings
     * @return the validated settings
     * @throws dev.switchboard.api.SettingsException naming the bad value, a bad entry of the list, or
     *     an empty list where the protocol is on
     */
    static ProxyProtocol from(Settings settings) {
        Version version = Version.valueOf(settings.oneOf("proxy-protocol", List.of("off", "v1", "v2", "any"))
                .toUpperCase(Locale.ROOT));
        List<Cidr> trusted = AccessList.blocks(settings, "proxy-protocol-trusted");
        if (version != Version.OFF && trusted.isEmpty()) {
            throw settings.invalid("proxy-protocol-trusted", "the balancers' IP addresses or CIDR blocks, at least"
                    + " one, since proxy-protocol = " + version.name().toLowerCase(Locale.ROOT));
        }
        return version == Version.OFF ? OFF : new ProxyProtocol(version, trusted);
    }

    /** @return whether headers are read at all */
    public boolean isOn() {
        return version != Version.OFF;
    }

    /**
     * @param peer a new connection's peer
     * @return whether its connection must start with a header: the protocol is on and the peer is a
     *     trusted balancer
     */
    public boolean expectsHeaderFrom(SocketAddress peer) {
        if (version == Version.OFF || !(peer instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return false;
        }
        InetAddress address = inet.getAddress();
        for (Cidr block : trusted) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
