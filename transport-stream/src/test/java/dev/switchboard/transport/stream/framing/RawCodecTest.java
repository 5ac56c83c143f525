package dev.switchboard.transport.stream.framing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.transport.stream.framing.DecoderStream.Frame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RawCodecTest {

    private final RawCodec decoder = new RawCodec(64);

    @Test
    void eachReadIsOneRequest() {
        DecoderStream stream = new DecoderStream(decoder);
        stream.read(bytes("hello")).read(bytes(" world\n"));
        assertEquals(List.of(Frame.of("hello"), Frame.of(" world\n")), stream.end());
    }

    @Test
    void neverSplitsAUtf8CharacterBetweenTwoRequests() {
        byte[] input = "héllo € 😀 ß".getBytes(UTF_8);
        for (int split = 0; split <= input.length; split++) {
            List<Frame> frames = DecoderStream.decode(decoder, input, split);
            frames.forEach(frame -> assertValidUtf8(frame.payload()));
            assertEquals("héllo € 😀 ß", joined(frames), "split at " + split);
        }
    }

    @Test
    void byteByByteEachCharacterIsOneRequest() {
        List<Frame> frames = DecoderStream.decodeByteByByte(decoder, "a€😀".getBytes(UTF_8));
        assertEquals(List.of("a", "€", "😀"), frames.stream().map(frame -> utf8(frame.payload())).toList());
    }

    @Test
    void flushesAnIncompleteCharacterAtEndOfStream() {
        byte[] input = {'a', (byte) 0xE2, (byte) 0x82};
        DecoderStream stream = new DecoderStream(decoder).read(input);
        assertEquals(List.of(Frame.of("a")), stream.frames());
        assertEquals(List.of(Frame.of("a"), Frame.of("\u00E2\u0082")), stream.end());
    }

    @Test
    void passesBytesThatAreNotUtf8Through() {
        byte[] input = {(byte) 0xFF, (byte) 0x80, 'x', (byte) 0xFE};
        assertEquals(List.of(Frame.of(new String(input, ISO_8859_1))), DecoderStream.decode(decoder, input));
    }

    @Test
    void takesAReadOfExactlyTheMaximumWhole() {
        DecoderStream stream = new DecoderStream(decoder).read(bytes("x".repeat(64)));
        assertEquals(List.of(Frame.of("x".repeat(64))), stream.frames());
    }

    @Test
    void cutsMoreThanTheMaximumIntoRequestsOfAtMostTheMaximum() {
        DecoderStream stream = new DecoderStream(decoder).read(bytes("x".repeat(65)));
        assertEquals(List.of(Frame.of("x".repeat(64)), Frame.of("x")), stream.frames());
    }

    @Test
    void holdsAtMostThreeBytes() {
        assertEquals(3, RawCodec.incompleteTail(ByteBuffer.wrap("😀".getBytes(UTF_8)), 0, 3));
        assertEquals(0, RawCodec.incompleteTail(ByteBuffer.wrap("😀".getBytes(UTF_8)), 0, 4));
        assertEquals(0, RawCodec.incompleteTail(ByteBuffer.wrap(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80}), 0, 3));
    }

    private static String joined(List<Frame> frames) {
        return utf8(frames.stream().map(Frame::payload).collect(Collectors.joining()));
    }

    private static String utf8(String latin1) {
        return new String(latin1.getBytes(ISO_8859_1), UTF_8);
    }

    private static void assertValidUtf8(String latin1) {
        try {
            UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(ISO_8859_1)));
        } catch (CharacterCodingException e) {
            throw new AssertionError("a request splits a character: " + latin1, e);
        }
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(ISO_8859_1);
    }
}
