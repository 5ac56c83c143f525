package dev.switchboard.examples.netstring;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.FrameCodecContext;
import dev.switchboard.api.FrameCodecProvider;
import dev.switchboard.api.Reply;
import dev.switchboard.api.SettingsException;
import dev.switchboard.testkit.FrameCodecContract;
import dev.switchboard.testkit.TestSettings;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The framing contract every framing passes, and what is particular to netstrings. */
class NetstringCodecTest extends FrameCodecContract {

    @Override
    protected FrameCodecProvider provider() {
        return new NetstringProvider();
    }

    @Override
    protected byte[] requestFrame(byte[] payload) {
        byte[] header = (payload.length + ":").getBytes(ISO_8859_1);
        return ByteBuffer.allocate(header.length + payload.length + 1).put(header).put(payload).put((byte) ',').array();
    }

    /** @return the default samples, and one of digits, colons and commas, which a payload may hold */
    @Override
    protected List<byte[]> samplePayloads() {
        List<byte[]> samples = new ArrayList<>(super.samplePayloads());
        samples.add(bytes("3:abc,0:,,::12"));
        return samples;
    }

    private final FrameCodec codec = createCodec(64);

    @Test
    void isProvidedByTheModuleDescriptor() {
        assertEquals(List.of(NetstringProvider.class.getName()), NetstringProvider.class.getModule().getDescriptor()
                .provides().stream()
                .filter(provides -> provides.service().equals(FrameCodecProvider.class.getName()))
                .flatMap(provides -> provides.providers().stream())
                .toList());
    }

    @Test
    void decodesPipelinedNetstringsTheEmptyOneIncluded() {
        assertEquals(List.of(new Frame("hello", ","), new Frame("", ","), new Frame("world!", ",")),
                decode(codec, bytes("5:hello,0:,6:world!,")).frames());
    }

    @Test
    void refusesALeadingZeroAsMalformed() {
        assertEquals(FrameCodec.MALFORMED, decode(codec, bytes("05:hello,")).refusal());
        assertEquals(FrameCodec.MALFORMED, decode(codec, bytes("00:,")).refusal());
    }

    @Test
    void refusesAHeaderThatIsNotDigitsThenAColonAsMalformed() {
        for (String input : List.of(":hello,", "5x:hello,", "-5:hello,", " 5:hello,", "+5:hello,")) {
            assertEquals(FrameCodec.MALFORMED, decode(codec, bytes(input)).refusal(), input);
        }
    }

    @Test
    void refusesAFrameNotEndedByACommaAsMalformed() {
        assertEquals(FrameCodec.MALFORMED, decode(codec, bytes("5:hello;")).refusal());
        assertEquals(FrameCodec.MALFORMED, decode(codec, bytes("5:hello!,")).refusal());
    }

    @Test
    void refusesALengthOverTheMaximumAsSoonAsItsDigitsSayIt() {
        assertEquals(FrameCodec.TOO_LARGE, codec.decode(ByteBuffer.wrap(bytes("65")), 0));
        assertEquals(FrameCodec.TOO_LARGE, codec.decode(ByteBuffer.wrap(bytes("100")), 0));
        assertEquals(FrameCodec.NEED_MORE, codec.decode(ByteBuffer.wrap(bytes("64")), 0));
        assertEquals(FrameCodec.TOO_LARGE, decode(codec, bytes("99999999999:")).refusal(), "eleven digits");
    }

    @Test
    void acceptsTenDigitLengthsUpToTheLargestMaximum() {
        FrameCodec largest = createCodec(NetstringCodec.MAX_PAYLOAD);
        assertEquals(FrameCodec.NEED_MORE, largest.decode(ByteBuffer.wrap(bytes("2147483635:")), 0));
        assertEquals(FrameCodec.TOO_LARGE, largest.decode(ByteBuffer.wrap(bytes("2147483636")), 0));
        assertEquals(Integer.MAX_VALUE, largest.maxFrameBytes());
    }

    @Test
    void refusesAMaxMessageBytesThatLeavesNoRoomForTheFrame() {
        FrameCodecContext context = new FrameCodecContext("test", "netstring", Integer.MAX_VALUE,
                TestSettings.forTransport("test", "max-message-bytes = 2147483647"));
        SettingsException e = assertThrows(SettingsException.class, () -> new NetstringProvider().create(context));
        assertTrue(e.getMessage().contains("max-message-bytes: expected at most 2147483635 bytes"), e.getMessage());
    }

    @Test
    void dropsAPartialNetstringAtTheEndOfTheStream() {
        Decoded decoded = decode(codec, bytes("2:ok,5:hel"));
        assertEquals(List.of(new Frame("ok", ",")), decoded.frames());
        assertEquals(0, decoded.refusal());
    }

    @Test
    void writesTheShortestHeaderWhateverRoomTheLargestReplyNeeds() {
        Reply reply = Reply.allocateDirect(100_000);
        codec.prepare(reply);
        reply.write("hi");
        assertEquals("2:hi,", ISO_8859_1.decode(codec.encode(reply, 1)).toString());
        codec.prepare(reply);
        reply.write("x".repeat(100_000));
        assertTrue(ISO_8859_1.decode(codec.encode(reply, 1)).toString().startsWith("100000:xxx"));
    }

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(ISO_8859_1);
    }
}
