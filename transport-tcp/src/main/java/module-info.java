/**
 * The {@code tcp} transport: the stream-transport toolkit bound to an IP address. Exports nothing:
 * the launcher finds it through {@link dev.switchboard.api.TransportProvider}.
 */
module dev.switchboard.transport.tcp {
    requires dev.switchboard.transport.stream;

    provides dev.switchboard.api.TransportProvider with dev.switchboard.transport.tcp.TcpTransportProvider;
}
