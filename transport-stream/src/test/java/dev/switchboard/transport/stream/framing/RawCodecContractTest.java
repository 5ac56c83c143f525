package dev.switchboard.transport.stream.framing;

import dev.switchboard.api.FrameCodecProvider;
import dev.switchboard.testkit.FrameCodecContract;
import java.util.List;

/**
 * The framing contract for {@code raw}: read-delimited, a request is the bytes as sent; nothing is
 * too large, only cut; and an empty read is no request, so no sample is empty.
 */
class RawCodecContractTest extends FrameCodecContract {

    @Override
    protected FrameCodecProvider provider() {
        return new RawCodecProvider();
    }

    @Override
    protected byte[] requestFrame(byte[] payload) {
        return payload;
    }

    @Override
    protected List<byte[]> samplePayloads() {
        return super.samplePayloads().stream().filter(payload -> payload.length > 0).toList();
    }

    @Override
    protected boolean refusesOversizeFrames() {
        return false;
    }
}
