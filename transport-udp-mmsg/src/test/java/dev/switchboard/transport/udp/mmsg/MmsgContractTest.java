package dev.switchboard.transport.udp.mmsg;

import dev.switchboard.api.Transport;
import dev.switchboard.testkit.ContractClient;
import dev.switchboard.testkit.TestSettings;
import dev.switchboard.testkit.TransportContract;
import dev.switchboard.transport.udp.UdpTransportProvider;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The transport contract over UDP on the IPv4 loopback address, served in batches ({@code io = auto}
 * with this module on the module path and granted native access; {@link BatchedPathTest} checks
 * that this is the path taken).
 */
class MmsgContractTest extends TransportContract {

    @Override
    protected SocketAddress freeAddress() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    @Override
    protected Transport createTransport(SocketAddress address, String settings) {
        InetSocketAddress inet = (InetSocketAddress) address;
        return new UdpTransportProvider().create(TestSettings.transportContext("udp",
                "host = \"" + inet.getHostString() + "\", port = " + inet.getPort() + "\n" + settings));
    }

    @Override
    protected ContractClient connect(SocketAddress address) {
        return ContractClient.datagram((InetSocketAddress) address);
    }

    @Override
    protected boolean isConnectionOriented() {
        return false;
    }
}
