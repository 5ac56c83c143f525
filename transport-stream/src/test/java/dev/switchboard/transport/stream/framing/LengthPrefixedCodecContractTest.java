package dev.switchboard.transport.stream.framing;

import dev.switchboard.api.FrameCodecProvider;
import dev.switchboard.testkit.FrameCodecContract;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The framing contract for {@code length-prefixed}: a 4-byte big-endian length, then any bytes. */
class LengthPrefixedCodecContractTest extends FrameCodecContract {

    @Override
    protected FrameCodecProvider provider() {
        return new LengthPrefixedCodecProvider();
    }

    @Override
    protected byte[] requestFrame(byte[] payload) {
        return ByteBuffer.allocate(Integer.BYTES + payload.length).putInt(payload.length).put(payload).array();
    }

    /** @return the default samples and every byte value from 0 to 63, LF and CR among them */
    @Override
    protected List<byte[]> samplePayloads() {
        List<byte[]> samples = new ArrayList<>(super.samplePayloads());
        byte[] binary = new byte[64];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        samples.add(binary);
        return samples;
    }
}
