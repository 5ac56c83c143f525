package dev.switchboard.transport.stream.framing;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.FrameCodecContext;
import dev.switchboard.api.FrameCodecProvider;
import java.util.function.IntFunction;

/** A built-in framing: its name, and its codec made for the endpoint's largest message. */
abstract class BuiltInFraming implements FrameCodecProvider {

    private final String name;
    private final IntFunction<FrameCodec> codec;

    /**
     * @param name the framing's name
     * @param codec makes the codec for payloads of at most the given size
     */
    BuiltInFraming(String name, IntFunction<FrameCodec> codec) {
        this.name = name;
        this.codec = codec;
    }

    @Override
    public final String name() {
        return name;
    }

    /** @return a codec for payloads of at most the context's maximum message size */
    @Override
    public final FrameCodec create(FrameCodecContext context) {
        return codec.apply(context.maxMessageBytes());
    }
}
