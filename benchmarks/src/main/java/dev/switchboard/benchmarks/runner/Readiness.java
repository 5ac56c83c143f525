package dev.switchboard.benchmarks.runner;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Whether a server's endpoints answer: a TCP endpoint once it accepts a connection, a UDP endpoint
 * once it answers a datagram with the datagram upper-cased.
 */
final class Readiness {

    private static final byte[] PROBE = "ready?".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANSWER = "READY?".getBytes(StandardCharsets.US_ASCII);
    private static final int UDP_WAIT_MILLIS = 5;
    private static final long POLL_MILLIS = 1;

    private Readiness() {}

    /**
     * Polls until every given endpoint answers, the server dies, or the timeout passes.
     *
     * @param alive whether the server process still runs
     * @param timeoutNanos how long to wait
     * @return whether every endpoint answered
     */
    static boolean await(Iterable<InetSocketAddress> tcp, Iterable<InetSocketAddress> udp, BooleanSupplier alive,
            long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        for (InetSocketAddress address : tcp) {
            while (!acceptsConnection(address)) {
                if (!alive.getAsBoolean() || System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
        for (InetSocketAddress address : udp) {
            while (!answersDatagram(address)) {
                if (!alive.getAsBoolean() || System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
        return true;
    }

    /** @return whether a TCP connection to {@code address} succeeds */
    static boolean acceptsConnection(InetSocketAddress address) {
        try (SocketChannel channel = SocketChannel.open()) {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0); // no TIME_WAIT for a probe
            channel.socket().connect(address, 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return whether {@code address} answers a datagram with its upper case within a few milliseconds */
    static boolean answersDatagram(InetSocketAddress address) {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(address);
            socket.setSoTimeout(UDP_WAIT_MILLIS);
            socket.send(new DatagramPacket(PROBE, PROBE.length));
            DatagramPacket answer = new DatagramPacket(new byte[PROBE.length + 1], PROBE.length + 1);
            socket.receive(answer);
            return Arrays.equals(answer.getData(), 0, answer.getLength(), ANSWER, 0, ANSWER.length);
        } catch (IOException e) {
            return false; // no answer yet, or port unreachable: nothing bound yet
        }
    }
}
