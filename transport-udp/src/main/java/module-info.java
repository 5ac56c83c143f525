/**
 * The {@code udp} transport: the socket exercise's UDP server, one datagram per request and the
 * reply to its sender, served by one socket and thread per loop (several sockets share the port
 * through {@code SO_REUSEPORT}); whole datagrams up to the protocol maximum, and replies that cannot
 * be used for reflection attacks. Datagrams go through {@code java.nio}, or in batches through a
 * {@link dev.switchboard.transport.udp.batch.BatchDatagramProvider} where one is on the module path
 * and usable. Exports no API: the launcher finds it through {@link dev.switchboard.api.TransportProvider};
 * the batched sockets' interfaces are exported only to the module that implements them.
 */
@SuppressWarnings("module") // the batched module is compiled only on JDK 22 and later
module dev.switchboard.transport.udp {
    requires dev.switchboard.transport;

    exports dev.switchboard.transport.udp.batch to dev.switchboard.transport.udp.mmsg;

    uses dev.switchboard.transport.udp.batch.BatchDatagramProvider;

    provides dev.switchboard.api.TransportProvider with dev.switchboard.transport.udp.UdpTransportProvider;
}
