package dev.switchboard.transport.udp;

import dev.switchboard.api.Transport;
import dev.switchboard.testkit.ContractClient;
import dev.switchboard.testkit.TestSettings;
import dev.switchboard.testkit.TransportContract;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** The transport contract over UDP on the IPv4 loopback address: connectionless, oversize datagrams dropped. */
class UdpContractTest extends TransportContract {

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
