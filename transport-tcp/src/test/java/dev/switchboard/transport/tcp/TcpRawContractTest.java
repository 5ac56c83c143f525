package dev.switchboard.transport.tcp;

import dev.switchboard.testkit.ContractClient;
import java.net.SocketAddress;

/** The transport contract over TCP with the exercise's {@code raw} framing, which never finds a message too large. */
class TcpRawContractTest extends TcpContract {

    @Override
    String framing() {
        return "raw";
    }

    @Override
    protected ContractClient connect(SocketAddress address) {
        return ContractClient.raw(address);
    }

    @Override
    protected boolean refusesOversizeMessages() {
        return false;
    }
}
