package dev.switchboard.transport.udp.batch;

import java.io.IOException;
import java.net.ProtocolFamily;

/**
 * Datagram sockets that receive and send a batch of datagrams per system call, where the runtime
 * allows. The udp transport finds one through {@link java.util.ServiceLoader} and, if it says it is
 * usable, serves its endpoints with it instead of {@code java.nio}. This package is exported only to
 * the module that provides one ({@code dev.switchboard.transport.udp.mmsg}): it is no plugin API.
 *
 * <p>Implementations are thread-safe.
 */
public interface BatchDatagramProvider {

    /**
     * Asked once, before any socket is opened.
     *
     * @return null if sockets can be opened in this runtime; else why not, as a phrase such as
     *     {@code "native access is not enabled for module m (--enable-native-access=m)"}
     */
    String unavailableReason();

    /**
     * Opens an unbound datagram socket that blocks in {@link DatagramBatch#receive()}.
     *
     * @param family {@link java.net.StandardProtocolFamily#INET} or {@code INET6} (which serves IPv4
     *     too where the OS allows)
     * @return the socket, open
     * @throws UnsupportedOperationException if the family is not available
     * @throws IOException if the socket cannot be opened
     */
    BatchDatagramSocket open(ProtocolFamily family) throws IOException;
}
