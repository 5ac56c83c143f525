package dev.switchboard.transport.stream.framing;

import dev.switchboard.api.FrameCodecProvider;
import dev.switchboard.testkit.FrameCodecContract;
import java.nio.ByteBuffer;

/** The framing contract for {@code line}: a request is its payload and an LF. */
class LineCodecContractTest extends FrameCodecContract {

    @Override
    protected FrameCodecProvider provider() {
        return new LineCodecProvider();
    }

    @Override
    protected byte[] requestFrame(byte[] payload) {
        return ByteBuffer.allocate(payload.length + 1).put(payload).put((byte) '\n').array();
    }
}
