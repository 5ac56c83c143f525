package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code raw} framing holds back the start of a UTF-8 character for the read that completes it,
 * but never for good: if the rest does not come within the codec's hold timeout, or the client shuts
 * its side, the held bytes are answered as they are.
 */
@Timeout(30)
class HeldBytesTest {

    /** {@code binary} and the lead byte of a four-byte character that never comes. */
    private static final byte[] BINARY_AND_A_LEAD_BYTE = {'b', 'i', 'n', 'a', 'r', 'y', (byte) 0xF0};
    /** Far below the frame-timeout, which would close the connection instead of answering. */
    private static final Duration WITHIN = Duration.ofSeconds(5);

    @Test
    void aLeadByteWithoutItsContinuationIsAnsweredAsItIsAndTheConnectionReadsOn() throws IOException {
        try (TestServer server = TestServer.start("framing = raw, frame-timeout = 30s", Services.ASCII_UPPER_CASE);
                Socket client = connect(server)) {
            client.getOutputStream().write(BINARY_AND_A_LEAD_BYTE);
            assertArrayEquals("BINARY".getBytes(StandardCharsets.US_ASCII), readExactly(client, 6));
            assertArrayEquals(new byte[] {(byte) 0xF0}, readExactly(client, 1), "the held byte, answered as it is");
            client.getOutputStream().write("more".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals("MORE".getBytes(StandardCharsets.US_ASCII), readExactly(client, 4));
        }
    }

    @Test
    void aLeadByteWithoutItsContinuationIsAnsweredWhenTheClientShutsItsSide() throws IOException {
        try (TestServer server = TestServer.start("framing = raw", Services.ASCII_UPPER_CASE);
                Socket client = connect(server)) {
            client.getOutputStream().write(BINARY_AND_A_LEAD_BYTE);
            client.shutdownOutput();
            byte[] all = client.getInputStream().readAllBytes();
            assertArrayEquals(new byte[] {'B', 'I', 'N', 'A', 'R', 'Y', (byte) 0xF0}, all);
        }
    }

    private static Socket connect(TestServer server) throws IOException {
        Socket client = new Socket();
        client.connect(server.transport.localAddress());
        client.setSoTimeout((int) WITHIN.toMillis());
        return client;
    }

    /** @throws java.net.SocketTimeoutException if the bytes do not all come within {@link #WITHIN} */
    private static byte[] readExactly(Socket client, int length) throws IOException {
        InputStream in = client.getInputStream();
        byte[] bytes = in.readNBytes(length);
        assertEquals(length, bytes.length, "the server closed the connection after " + bytes.length + " bytes");
        return bytes;
    }
}
