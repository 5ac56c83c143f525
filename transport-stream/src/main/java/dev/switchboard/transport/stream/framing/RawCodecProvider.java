package dev.switchboard.transport.stream.framing;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.FrameCodecContext;
import dev.switchboard.api.FrameCodecProvider;

/** Provides the {@code raw} framing: what one read delivers is one request, a UTF-8 character never split between two (the socket exercise's framing). */
public final class RawCodecProvider implements FrameCodecProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public RawCodecProvider() {}

    /** @return {@code "raw"} */
    @Override
    public String name() {
        return "raw";
    }

    /** @return a codec for payloads of at most the context's maximum message size */
    @Override
    public FrameCodec create(FrameCodecContext context) {
        return new RawCodec(context.maxMessageBytes());
    }
}
