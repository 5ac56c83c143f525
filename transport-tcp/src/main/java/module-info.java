/**
 * The {@code tcp} transport: a listening socket, one acceptor thread and a few selector event
 * loops that each own their connections; {@code raw}, {@code line} and {@code length-prefixed}
 * framing; every buffer, queue and wait bounded. Exports nothing: the launcher finds it through
 * {@link dev.switchboard.api.TransportProvider}.
 */
module dev.switchboard.transport.tcp {
    requires dev.switchboard.transport;

    provides dev.switchboard.api.TransportProvider with dev.switchboard.transport.tcp.TcpTransportProvider;
}
