/**
 * Batched datagram I/O for the {@code udp} transport on JDK 22 and later: {@code recvmmsg} reads
 * every datagram waiting (up to a batch) in one system call and {@code sendmmsg} sends the batch's
 * replies in one, through the Foreign Function & Memory API. Linux only, and only when the JVM grants
 * this module native access ({@code --enable-native-access=dev.switchboard.transport.udp.mmsg}, as
 * {@code bin/switchboard} does on JDK 22 and later); otherwise the transport keeps {@code java.nio}.
 * Exports nothing: the transport finds it as a service.
 */
module dev.switchboard.transport.udp.mmsg {
    requires dev.switchboard.transport.udp;
    requires dev.switchboard.transport.sockaddr;

    provides dev.switchboard.transport.udp.batch.BatchDatagramProvider
            with dev.switchboard.transport.udp.mmsg.MmsgProvider;
}
