package dev.switchboard.transport.unix;

import dev.switchboard.api.Transport;
import dev.switchboard.testkit.ContractClient;
import dev.switchboard.testkit.TestSettings;
import dev.switchboard.testkit.TransportContract;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The transport contract over Unix-domain socket files in a temporary folder, with {@code line} framing. */
class UnixTransportContractTest extends TransportContract {

    @TempDir
    Path directory;

    private final AtomicInteger sockets = new AtomicInteger();

    @Override
    protected SocketAddress freeAddress() {
        return UnixDomainSocketAddress.of(directory.resolve("contract-" + sockets.incrementAndGet() + ".sock"));
    }

    @Override
    protected Transport createTransport(SocketAddress address, String settings) {
        Path path = ((UnixDomainSocketAddress) address).getPath();
        return new UnixTransportProvider().create(TestSettings.transportContext("unix",
                "path = \"" + path + "\", framing = line\n" + settings));
    }

    @Override
    protected ContractClient connect(SocketAddress address) {
        return ContractClient.line(address);
    }
}
