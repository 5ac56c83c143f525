package dev.switchboard.transport.tcp;

import dev.switchboard.api.Transport;
import dev.switchboard.testkit.TestSettings;
import dev.switchboard.testkit.TransportContract;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** The transport contract over TCP on the IPv4 loopback address, with the framing a subclass names. */
abstract class TcpContract extends TransportContract {

    /** @return the framing every endpoint of the suite uses */
    abstract String framing();

    @Override
    protected SocketAddress freeAddress() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    @Override
    protected Transport createTransport(SocketAddress address, String settings) {
        InetSocketAddress inet = (InetSocketAddress) address;
        return new TcpTransportProvider().create(TestSettings.transportContext("tcp", "host = \""
                + inet.getHostString() + "\", port = " + inet.getPort() + ", framing = " + framing() + "\n" + settings));
    }
}
