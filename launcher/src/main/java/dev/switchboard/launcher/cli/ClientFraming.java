package dev.switchboard.launcher.cli;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How {@code send} delimits requests and replies on a stream connection: the server's built-in
 * framings of the same names. A plugin's framing is not known to the client.
 */
enum ClientFraming {

    /**
     * The request's bytes as they are. Nothing marks where a reply ends, so the client takes a reply
     * as complete once it holds at least as many bytes as it sent, ending on a whole UTF-8
     * character (the server's raw framing answers each read with a reply of that read's length
     * when the service keeps lengths, as uppercase and reverse do, and in one write), or, for a
     * shorter reply, once nothing more has arrived for {@link #QUIET} after its first byte.
     */
    RAW("raw") {
        @Override
        ByteBuffer encode(byte[] request) {
            return ByteBuffer.wrap(request);
        }

        @Override
        byte[] reply(StreamConnection connection, int requestBytes) throws ClientFailure {
            long deadline = connection.deadline();
            while (!connection.unread().hasRemaining()) {
                int read = connection.read(deadline);
                if (read == 0) {
                    throw connection.noReply();
                } else if (read < 0) {
                    throw connection.closedEarly();
                }
            }
            while (connection.unread().remaining() < requestBytes || !endsOnWholeCharacter(connection.unread())) {
                if (connection.read(Math.min(deadline, System.nanoTime() + QUIET.toNanos())) <= 0) {
                    break;
                }
            }
            return connection.take(connection.unread().remaining(), 0);
        }
    },

    /** The request followed by LF; the reply is the line up to LF (or CRLF), without it. */
    LINE("line") {
        @Override
        ByteBuffer encode(byte[] request) {
            byte[] line = Arrays.copyOf(request, request.length + 1);
            line[request.length] = '\n';
            return ByteBuffer.wrap(line);
        }

        @Override
        byte[] reply(StreamConnection connection, int requestBytes) throws ClientFailure {
            long deadline = connection.deadline();
            int searched = 0;
            while (true) {
                ByteBuffer unread = connection.unread();
                for (int i = searched; i < unread.remaining(); i++) {
                    if (unread.get(unread.position() + i) == '\n') {
                        boolean crlf = i > 0 && unread.get(unread.position() + i - 1) == '\r';
                        return crlf ? connection.take(i - 1, 2) : connection.take(i, 1);
                    }
                }
                searched = unread.remaining();
                await(connection, deadline);
            }
        }
    },

    /** A 4-byte big-endian length, then the request; the reply is framed the same way. */
    LENGTH_PREFIXED("length-prefixed") {
        @Override
        ByteBuffer encode(byte[] request) {
            return ByteBuffer.allocate(Integer.BYTES + request.length).putInt(request.length).put(request).flip();
        }

        @Override
        byte[] reply(StreamConnection connection, int requestBytes) throws ClientFailure {
            long deadline = connection.deadline();
            while (connection.unread().remaining() < Integer.BYTES) {
                await(connection, deadline);
            }
            int length = connection.unread().getInt(connection.unread().position());
            if (length < 0 || length > StreamConnection.MAX_REPLY_BYTES) {
                throw new ClientFailure(ExitStatus.CONNECTION_FAILED, "the reply's header announces "
                        + Integer.toUnsignedString(length) + " bytes, more than the client accepts ("
                        + (StreamConnection.MAX_REPLY_BYTES >> 20) + " MiB)");
            }
            while (connection.unread().remaining() < Integer.BYTES + length) {
                await(connection, deadline);
            }
            connection.take(0, Integer.BYTES);
            return connection.take(length, 0);
        }
    };

    /** How long a raw reply shorter than its request may pause before the client takes it as whole. */
    static final Duration QUIET = Duration.ofMillis(100);

    private final String configName;

    ClientFraming(String configName) {
        this.configName = configName;
    }

    /**
     * @param request the request's bytes
     * @return them framed, ready to write
     */
    abstract ByteBuffer encode(byte[] request);

    /**
     * Reads one reply, waiting at most the connection's timeout.
     *
     * @param connection the connection the request was written to
     * @param requestBytes the request's length, unframed
     * @return the reply, unframed
     * @throws ClientFailure if it does not come in time, or the connection fails or closes first
     */
    abstract byte[] reply(StreamConnection connection, int requestBytes) throws ClientFailure;

    @Override
    public String toString() {
        return configName;
    }

    private static void await(StreamConnection connection, long deadline) throws ClientFailure {
        int read = connection.read(deadline);
        if (read == 0) {
            throw connection.noReply();
        } else if (read < 0) {
            throw connection.closedEarly();
        }
    }

    /** Whether the bytes do not end inside a UTF-8 sequence. */
    static boolean endsOnWholeCharacter(ByteBuffer bytes) {
        int end = bytes.limit();
        for (int back = 1; back <= Math.min(4, bytes.remaining()); back++) {
            int b = bytes.get(end - back) & 0xff;
            if (b < 0x80) {
                return back == 1;
            }
            if (b >= 0xc0) {
                int length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
                return back >= length;
            }
        }
        return true; // only continuation bytes, or not UTF-8: nothing to wait for
    }

    /** Picocli's conversion of {@code --framing}: the three built-in names only. */
    static final class Converter implements ITypeConverter<ClientFraming> {
        @Override
        public ClientFraming convert(String value) {
            for (ClientFraming framing : values()) {
                if (framing.configName.equals(value)) {
                    return framing;
                }
            }
            throw new TypeConversionException("the client speaks only the built-in framings raw, line and"
                    + " length-prefixed; '" + value + "' is not one of them");
        }
    }

    /** The names, for shell completion. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(ClientFraming::toString).iterator();
        }
    }
}
