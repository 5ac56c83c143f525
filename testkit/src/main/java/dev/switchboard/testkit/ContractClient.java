package dev.switchboard.testkit;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A client of the transport under test in a {@link TransportContract}: it frames each request as
 * the endpoint expects, reads the replies, and counts the bytes it sent and received on the wire,
 * framing included, which the contract compares with the transport's
 * {@link dev.switchboard.api.TransportStats}. One thread uses a client at a time; every wait is
 * bounded by {@link Await#TIMEOUT}, after which the call fails with an {@link AssertionError}.
 *
 * <p>The factories cover the built-in framings over any stream family ({@link #raw}, {@link #line},
 * {@link #lengthPrefixed}, over TCP or a Unix-domain socket) and datagrams ({@link #datagram}); a
 * transport with a framing of its own implements this interface.
 */
public interface ContractClient extends AutoCloseable {

    /**
     * A stream client for the {@code raw} framing: a request is sent as it is, and a reply has no
     * boundary, so {@link #receive} reads exactly the bytes it is told to.
     *
     * @param server a stream transport's address: an {@link InetSocketAddress} or a
     *     {@link java.net.UnixDomainSocketAddress}
     * @return the connected client
     */
    static ContractClient raw(SocketAddress server) {
        return new StreamContractClient(StreamClient.connect(server), StreamContractClient.Framing.RAW);
    }

    /**
     * A stream client for the {@code line} framing: each request is sent followed by an LF, and each
     * reply is read up to its LF (or CRLF), which {@link #receive} leaves out.
     *
     * @param server a stream transport's address
     * @return the connected client
     */
    static ContractClient line(SocketAddress server) {
        return new StreamContractClient(StreamClient.connect(server), StreamContractClient.Framing.LINE);
    }

    /**
     * A stream client for the {@code length-prefixed} framing: a 4-byte big-endian length, then the
     * payload, both ways.
     *
     * @param server a stream transport's address
     * @return the connected client
     */
    static ContractClient lengthPrefixed(SocketAddress server) {
        return new StreamContractClient(StreamClient.connect(server), StreamContractClient.Framing.LENGTH_PREFIXED);
    }

    /**
     * A datagram client: each request is one datagram, each reply the next datagram to arrive. Its
     * socket is bound to a free port of the loopback address of the server's family.
     *
     * @param server a datagram transport's address; a wildcard address is reached over loopback
     * @return the client
     */
    static ContractClient datagram(InetSocketAddress server) {
        return new DatagramContractClient(server);
    }

    /**
     * Sends one request.
     *
     * @param payload the request's payload, which the client frames
     */
    void send(byte[] payload);

    /**
     * Reads the next reply.
     *
     * @param payloadBytes how long the contract expects the payload to be: a framing without
     *     boundaries ({@code raw}) reads exactly that many bytes; a framed client reads whatever the
     *     frame holds
     * @return the reply's payload, framing removed
     * @throws AssertionError if no reply arrives within the timeout, or the server closes first
     */
    byte[] receive(int payloadBytes);

    /**
     * Shuts the client's output, as a half-close: the server reads the end of the stream.
     *
     * @throws UnsupportedOperationException if the client has no connection (datagrams)
     */
    void shutdownOutput();

    /**
     * @throws AssertionError unless the server ends the stream cleanly, with nothing more sent,
     *     within the timeout
     * @throws UnsupportedOperationException if the client has no connection (datagrams)
     */
    void assertClosedByServer();

    /** @return the bytes sent so far, framing included */
    long bytesSent();

    /** @return the bytes of the replies received so far, framing included */
    long bytesReceived();

    /** Closes the client: a stream client closes its connection. */
    @Override
    void close();
}
