package dev.switchboard.transport.stream.framing;

/** Provides the {@code line} framing: each request is a line ended by LF or CRLF, and its reply ends with the same terminator. */
public final class LineCodecProvider extends BuiltInFraming {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public LineCodecProvider() {
        super("line", LineCodec::new);
    }
}
