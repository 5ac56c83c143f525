package dev.switchboard.transport.tcp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A blocking loopback client whose every read is bounded by a socket timeout. */
final class TestClient implements AutoCloseable {

    static final int READ_TIMEOUT_MILLIS = 10_000;

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private TestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static TestClient connect(InetSocketAddress address) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.connect(address, READ_TIMEOUT_MILLIS);
            return new TestClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestClient send(String text) {
        return send(text.getBytes(UTF_8));
    }

    TestClient send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a length-prefixed frame. */
    TestClient sendFrame(String payload) {
        byte[] bytes = payload.getBytes(UTF_8);
        return send(ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array());
    }

    /** @return exactly {@code length} bytes; fails on end of stream or timeout */
    byte[] read(int length) {
        try {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new AssertionError("the server closed after " + bytes.length + " of " + length
                        + " bytes: " + new String(bytes, UTF_8));
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String readString(int length) {
        return new String(read(length), UTF_8);
    }

    /** @return the next line, terminator included */
    String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        do {
            b = readByte();
            line.write(b);
        } while (b != '\n');
        return line.toString(UTF_8);
    }

    /** @return the payload of the next length-prefixed frame */
    String readFrame() {
        int length = ByteBuffer.wrap(read(4)).getInt();
        return readString(length);
    }

    /** @return what the server sends until it closes its side */
    String readToEnd() {
        try {
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless the server closes its side, cleanly, before sending anything more. */
    void assertClosedByServer() {
        byte[] rest = readToEnd().getBytes(UTF_8);
        if (rest.length > 0) {
            throw new AssertionError("expected the end of the stream, got " + Arrays.toString(rest));
        }
    }

    /** Shuts the client's output: the server reads end of stream. */
    void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int readByte() {
        try {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the server closed the connection");
            }
            return b;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no reply within " + READ_TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
