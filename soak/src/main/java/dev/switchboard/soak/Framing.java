package dev.switchboard.soak;

import java.nio.ByteBuffer;

/** The three TCP framings the soak's server offers, one endpoint each, and how requests and replies look on the wire. */
enum Framing {
    RAW("tcp-raw", "raw"),
    LINE("tcp-line", "line"),
    LENGTH_PREFIXED("tcp-length-prefixed", "length-prefixed");

    private static final byte LF = '\n';

    private final String endpoint;
    private final String setting;

    Framing(String endpoint, String setting) {
        this.endpoint = endpoint;
        this.setting = setting;
    }

    /** @return the name of the endpoint with this framing in the soak's configuration */
    String endpoint() {
        return endpoint;
    }

    /** @return the value of the endpoint's {@code framing} setting */
    String setting() {
        return setting;
    }

    /**
     * @param payload a request's content: for {@link #LINE}, without CR or LF
     * @return the request as sent: the payload, with LF after it or its length before it
     */
    byte[] frame(byte[] payload) {
        return switch (this) {
            case RAW -> payload.clone();
            case LINE -> ByteBuffer.allocate(payload.length + 1).put(payload).put(LF).array();
            case LENGTH_PREFIXED -> ByteBuffer.allocate(Integer.BYTES + payload.length).putInt(payload.length).put(payload).array();
        };
    }

    /**
     * @param payload an ASCII request's content
     * @return the reply the uppercase service must send, framed as requests are
     */
    byte[] expectedReply(byte[] payload) {
        return frame(Ascii.upperCase(payload));
    }

    /**
     * A request that never completes, for a slowloris to trickle: a line without its end, a length
     * promising more than follows, or for raw framing the first three bytes of a four-byte UTF-8
     * character (which raw framing holds back until the character is whole).
     *
     * @param length how many bytes to trickle, for the line and length-prefixed framings
     * @return the bytes to send, one at a time
     */
    byte[] unfinishedRequest(int length) {
        return switch (this) {
            case RAW -> new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98};
            case LINE -> Ascii.text(length, length);
            case LENGTH_PREFIXED -> ByteBuffer.allocate(length).putInt(length * 2).put(Ascii.text(length, length - Integer.BYTES)).array();
        };
    }
}
