package dev.switchboard.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A {@link ContractClient} over a {@link StreamClient}, for one of the built-in framings. */
final class StreamContractClient implements ContractClient {

    /** How requests and replies are cut. */
    enum Framing { RAW, LINE, LENGTH_PREFIXED }

    private final StreamClient client;
    private final Framing framing;
    private long sent;
    private long received;

    StreamContractClient(StreamClient client, Framing framing) {
        this.client = client;
        this.framing = framing;
    }

    @Override
    public void send(byte[] payload) {
        byte[] frame = switch (framing) {
            case RAW -> payload;
            case LINE -> ByteBuffer.allocate(payload.length + 1).put(payload).put((byte) '\n').array();
            case LENGTH_PREFIXED -> ByteBuffer.allocate(Integer.BYTES + payload.length).putInt(payload.length)
                    .put(payload).array();
        };
        client.send(frame);
        sent += frame.length;
    }

    @Override
    public byte[] receive(int payloadBytes) {
        return switch (framing) {
            case RAW -> read(payloadBytes);
            case LINE -> readLine();
            case LENGTH_PREFIXED -> read(ByteBuffer.wrap(read(Integer.BYTES)).getInt());
        };
    }

    private byte[] read(int length) {
        byte[] bytes = client.read(length);
        received += length;
        return bytes;
    }

    /** @return the line's bytes without its LF or CRLF */
    private byte[] readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (byte b = read(1)[0]; b != '\n'; b = read(1)[0]) {
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public void shutdownOutput() {
        client.shutdownOutput();
    }

    @Override
    public void assertClosedByServer() {
        client.assertClosedByServer();
    }

    @Override
    public long bytesSent() {
        return sent;
    }

    @Override
    public long bytesReceived() {
        return received;
    }

    @Override
    public void close() {
        client.close();
    }
}
