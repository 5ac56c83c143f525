package dev.switchboard.transport.stream.framing;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.FrameCodecContext;
import dev.switchboard.api.FrameCodecProvider;

/** Provides the {@code line} framing: each request is a line ended by LF or CRLF, and its reply ends with the same terminator. */
public final class LineCodecProvider implements FrameCodecProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public LineCodecProvider() {}

    /** @return {@code "line"} */
    @Override
    public String name() {
        return "line";
    }

    /** @return a codec for payloads of at most the context's maximum message size */
    @Override
    public FrameCodec create(FrameCodecContext context) {
        return new LineCodec(context.maxMessageBytes());
    }
}
