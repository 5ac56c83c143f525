package dev.switchboard.transport.udp.mmsg;

import dev.switchboard.transport.sockaddr.NativeSupport;
import dev.switchboard.transport.udp.batch.BatchDatagramProvider;
import dev.switchboard.transport.udp.batch.BatchDatagramSocket;
import java.io.IOException;
import java.net.ProtocolFamily;

/**
 * Batched datagram sockets through {@code recvmmsg} and {@code sendmmsg}, called through the Foreign
 * Function & Memory API: usable on Linux (x86-64, AArch64) when this module has native access.
 * The udp transport finds it through {@link java.util.ServiceLoader}.
 */
public final class MmsgProvider implements BatchDatagramProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public MmsgProvider() {}

    /**
     * @return null on Linux x86-64 or AArch64 with native access granted to this module and the C
     *     library's calls linked; else why not
     */
    @Override
    public String unavailableReason() {
        return NativeSupport.unavailableReason(MmsgProvider.class.getModule(), "recvmmsg", Syscalls::ensureLinked);
    }

    @Override
    public BatchDatagramSocket open(ProtocolFamily family) throws IOException {
        return NativeDatagramSocket.open(family);
    }
}
