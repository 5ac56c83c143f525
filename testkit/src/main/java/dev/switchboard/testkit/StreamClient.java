package dev.switchboard.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A client for tests of stream transports, over any {@link SocketChannel} family (TCP, or a
 * Unix-domain socket): it sends bytes and reads replies, every wait bounded by {@link #TIMEOUT}. One
 * thread may send while another reads.
 *
 * <pre>{@code
 * try (StreamClient client = StreamClient.connect(transport.localAddress())) {
 *     assertEquals("HELLO\n", client.send("hello\n").readLine());
 * }
 * }</pre>
 */
public final class StreamClient implements AutoCloseable {

    /** How long a send or a read may wait for the server. */
    public static final long TIMEOUT_MILLIS = Await.TIMEOUT.toMillis();

    private final SocketChannel channel;
    private final Selector readable;
    private final Selector writable;
    private final ByteBuffer in = ByteBuffer.allocate(64 * 1024).flip();

    private StreamClient(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.readable = Selector.open();
        this.writable = Selector.open();
        channel.register(readable, SelectionKey.OP_READ);
        channel.register(writable, SelectionKey.OP_WRITE);
    }

    /**
     * Connects to a local server; sets {@code TCP_NODELAY} where the family has it.
     *
     * @param address an {@link java.net.InetSocketAddress} or a
     *     {@link java.net.UnixDomainSocketAddress}
     * @return the connected client
     * @throws UncheckedIOException if the connection is refused
     */
    public static StreamClient connect(SocketAddress address) {
        return connect(address, null);
    }

    /**
     * Connects to a local server from a given local address: on Linux every address of 127.0.0.0/8
     * is the loopback interface's, so {@code 127.0.0.2} is a second client host for tests of
     * per-source limits.
     *
     * @param address the server's {@link java.net.InetSocketAddress}, or a
     *     {@link java.net.UnixDomainSocketAddress} if {@code from} is null
     * @param from the local IP address to bind first, such as {@code 127.0.0.2:0}; null = none
     * @return the connected client
     * @throws UncheckedIOException if {@code from} cannot be bound or the connection is refused
     */
    public static StreamClient connect(SocketAddress address, SocketAddress from) {
        try {
            SocketChannel channel = from == null ? SocketChannel.open(address) : SocketChannel.open();
            try {
                if (from != null) {
                    channel.bind(from);
                    channel.connect(address);
                }
                if (channel.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                return new StreamClient(channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the client's channel, for socket options and addresses */
    public SocketChannel channel() {
        return channel;
    }

    /**
     * @param text sent as UTF-8
     * @return this client
     * @throws UncheckedIOException if the server does not take the bytes within the timeout, or the
     *     connection fails
     */
    public StreamClient send(String text) {
        return send(text.getBytes(UTF_8));
    }

    /**
     * @param bytes the bytes to send, all of them
     * @return this client
     * @throws UncheckedIOException if the server does not take the bytes within the timeout, or the
     *     connection fails
     */
    public StreamClient send(byte[] bytes) {
        ByteBuffer out = ByteBuffer.wrap(bytes);
        try {
            long deadline = deadline();
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    await(writable, deadline, "the server took no bytes");
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a {@code length-prefixed} frame: a 4-byte big-endian length, then the payload.
     *
     * @param payload sent as UTF-8
     * @return this client
     */
    public StreamClient sendFrame(String payload) {
        byte[] bytes = payload.getBytes(UTF_8);
        return send(ByteBuffer.allocate(Integer.BYTES + bytes.length).putInt(bytes.length).put(bytes).array());
    }

    /**
     * @param length how many bytes
     * @return exactly {@code length} bytes
     * @throws AssertionError if the server closes before, or sends nothing for the timeout
     */
    public byte[] read(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            int b = readByte();
            if (b < 0) {
                throw new AssertionError("the server closed after " + i + " of " + length + " bytes: "
                        + new String(bytes, 0, i, UTF_8));
            }
            bytes[i] = (byte) b;
        }
        return bytes;
    }

    /**
     * @param length how many bytes
     * @return exactly {@code length} bytes, decoded as UTF-8
     */
    public String readString(int length) {
        return new String(read(length), UTF_8);
    }

    /**
     * @return the next line, its LF (or CRLF) included, decoded as UTF-8
     * @throws AssertionError if the server closes before the line ends, or sends nothing for the
     *     timeout
     */
    public String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        do {
            b = readByte();
            if (b < 0) {
                throw new AssertionError("the server closed the connection" + (line.size() == 0 ? ""
                        : " in the middle of a line: " + line.toString(UTF_8)));
            }
            line.write(b);
        } while (b != '\n');
        return line.toString(UTF_8);
    }

    /** @return the payload of the next {@code length-prefixed} frame, decoded as UTF-8 */
    public String readFrame() {
        int length = ByteBuffer.wrap(read(Integer.BYTES)).getInt();
        return readString(length);
    }

    /**
     * @return what the server sends until it closes its side, decoded as UTF-8
     * @throws AssertionError if the server sends nothing for the timeout without closing
     */
    public String readToEnd() {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        for (int b; (b = readByte()) >= 0; ) {
            rest.write(b);
        }
        return rest.toString(UTF_8);
    }

    /**
     * @throws AssertionError unless the server closes its side, cleanly, before sending anything more
     */
    public void assertClosedByServer() {
        byte[] rest = readToEnd().getBytes(UTF_8);
        if (rest.length > 0) {
            throw new AssertionError("expected the end of the stream, got " + Arrays.toString(rest));
        }
    }

    /** Shuts the client's output: the server reads end of stream. */
    public void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes the connection with a reset rather than a clean end (TCP only: {@code SO_LINGER} 0).
     *
     * @throws UnsupportedOperationException if the family has no {@code SO_LINGER}
     */
    public void reset() {
        SocketOption<Integer> linger = StandardSocketOptions.SO_LINGER;
        try {
            channel.setOption(linger, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        close();
    }

    /** @return the next byte, or -1 at end of stream */
    private int readByte() {
        if (!in.hasRemaining() && fill() < 0) {
            return -1;
        }
        return in.get() & 0xFF;
    }

    private int fill() {
        try {
            long deadline = deadline();
            in.clear();
            try {
                int read;
                while ((read = channel.read(in)) == 0) {
                    await(readable, deadline, "no reply");
                }
                return read;
            } finally {
                in.flip();
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long deadline() {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
    }

    private static void await(Selector selector, long deadline, String what) throws IOException {
        long millis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (millis <= 0 || selector.select(millis) == 0 && System.nanoTime() - deadline >= 0) {
            throw new SocketTimeoutException(what + " within " + TIMEOUT_MILLIS + " ms");
        }
        selector.selectedKeys().clear();
    }

    /** Closes the connection. */
    @Override
    public void close() {
        try {
            readable.close();
            writable.close();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
