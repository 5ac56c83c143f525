package dev.switchboard.transport.stream.framing;

/** Provides the {@code raw} framing: what one read delivers is one request, a UTF-8 character never split between two (the socket exercise's framing). */
public final class RawCodecProvider extends BuiltInFraming {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public RawCodecProvider() {
        super("raw", RawCodec::new);
    }
}
