package dev.switchboard.launcher.cli;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.InvalidPathException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where {@code send} talks to: {@code udp://HOST:PORT}, {@code tcp://HOST:PORT} (an IPv6 host in
 * brackets, {@code tcp://[::1]:12000}) or {@code unix:PATH}, a Unix-domain stream socket.
 *
 * @param url the URL as given, for messages
 * @param protocol how to talk to it
 * @param address an unresolved {@link InetSocketAddress} (resolved when connecting, so that an
 *     unknown host is a connection failure, not a usage error), or a {@link UnixDomainSocketAddress}
 */
record Target(String url, Protocol protocol, SocketAddress address) {

    /** The transports a target may name. */
    enum Protocol {
        /** One datagram per request. */
        UDP,
        /** A TCP connection for the whole session. */
        TCP,
        /** A Unix-domain stream socket connection for the whole session. */
        UNIX
    }

    private static final String EXPECTED = "expected udp://HOST:PORT, tcp://HOST:PORT or unix:PATH";

    /** @return whether requests and replies share a byte stream, which then needs a framing */
    boolean isStream() {
        return protocol != Protocol.UDP;
    }

    @Override
    public String toString() {
        return url;
    }

    /**
     * @param url the command line's URL
     * @return the target
     * @throws IllegalArgumentException saying what was expected
     */
    static Target parse(String url) {
        if (url.startsWith("unix:")) {
            String path = url.substring("unix:".length());
            if (path.isEmpty()) {
                throw new IllegalArgumentException(EXPECTED + "; the path is missing in '" + url + "'");
            }
            try {
                return new Target(url, Protocol.UNIX, UnixDomainSocketAddress.of(path));
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a path in '" + url + "': " + e.getMessage(), e);
            }
        }
        Protocol protocol = url.startsWith("udp://") ? Protocol.UDP : url.startsWith("tcp://") ? Protocol.TCP : null;
        if (protocol == null) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + url + "'");
        }
        String hostAndPort = url.substring("udp://".length());
        int colon = hostAndPort.lastIndexOf(':');
        String host = colon < 0 ? "" : hostAndPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("an IPv6 address goes in brackets, such as tcp://[::1]:12000; got '" + url + "'");
        }
        if (host.isEmpty() || host.contains("/") || host.contains("[")) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + url + "'");
        }
        return new Target(url, protocol, InetSocketAddress.createUnresolved(host, port(hostAndPort.substring(colon + 1), url)));
    }

    private static int port(String port, String url) {
        if (port.matches("\\d{1,5}")) {
            int number = Integer.parseInt(port);
            if (number >= 1 && number <= 65_535) {
                return number;
            }
        }
        throw new IllegalArgumentException("expected a port from 1 to 65535 after the host, got '" + url + "'");
    }

    /** Picocli's conversion of the URL argument. */
    static final class Converter implements ITypeConverter<Target> {
        @Override
        public Target convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
