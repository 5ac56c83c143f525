package dev.switchboard.transport.stream.framing;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.FrameCodecContext;
import dev.switchboard.api.FrameCodecProvider;

/** Provides the {@code length-prefixed} framing: a 4-byte big-endian length, then the message; replies are framed the same way. */
public final class LengthPrefixedCodecProvider implements FrameCodecProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public LengthPrefixedCodecProvider() {}

    /** @return {@code "length-prefixed"} */
    @Override
    public String name() {
        return "length-prefixed";
    }

    /** @return a codec for payloads of at most the context's maximum message size */
    @Override
    public FrameCodec create(FrameCodecContext context) {
        return new LengthPrefixedCodec(context.maxMessageBytes());
    }
}
