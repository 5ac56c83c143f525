package dev.switchboard.transport.tcp;

import dev.switchboard.testkit.ContractClient;
import java.net.SocketAddress;

/** The transport contract over TCP with {@code length-prefixed} framing. */
class TcpLengthPrefixedContractTest extends TcpContract {

    @Override
    String framing() {
        return "length-prefixed";
    }

    @Override
    protected ContractClient connect(SocketAddress address) {
        return ContractClient.lengthPrefixed(address);
    }
}
