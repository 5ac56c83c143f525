package dev.switchboard.transport.stream.framing;

/** Provides the {@code length-prefixed} framing: a 4-byte big-endian length, then the message; replies are framed the same way. */
public final class LengthPrefixedCodecProvider extends BuiltInFraming {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public LengthPrefixedCodecProvider() {
        super("length-prefixed", LengthPrefixedCodec::new);
    }
}
