/**
 * The {@code udp} transport: the socket exercise's UDP server, one datagram per request and the
 * reply to its sender, served by one non-blocking socket and thread per loop (several sockets share
 * the port through {@code SO_REUSEPORT}); whole datagrams up to the protocol maximum, and replies
 * that cannot be used for reflection attacks. Exports nothing: the launcher finds it through
 * {@link dev.switchboard.api.TransportProvider}.
 */
module dev.switchboard.transport.udp {
    requires dev.switchboard.transport;

    provides dev.switchboard.api.TransportProvider with dev.switchboard.transport.udp.UdpTransportProvider;
}
