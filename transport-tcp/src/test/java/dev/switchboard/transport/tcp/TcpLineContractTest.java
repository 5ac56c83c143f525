package dev.switchboard.transport.tcp;

import dev.switchboard.testkit.ContractClient;
import java.net.SocketAddress;

/** The transport contract over TCP with {@code line} framing. */
class TcpLineContractTest extends TcpContract {

    @Override
    String framing() {
        return "line";
    }

    @Override
    protected ContractClient connect(SocketAddress address) {
        return ContractClient.line(address);
    }
}
