package dev.switchboard.service.uppercase;

import static dev.switchboard.service.uppercase.Uppercasing.handle;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.api.Reply;
import dev.switchboard.service.uppercase.Uppercasing.Mode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ways a transport may hand a request over and take the reply, in each mode. */
class RequestBufferTest {

    private static final String TEXT = "plain words first, then héllo wörld ß and ΐ at the end";
    private static final byte[] BYTES = TEXT.getBytes(UTF_8);
    private static final byte[] SURROUNDINGS = "surrounding lower case".getBytes(UTF_8);

    static Stream<Arguments> modesAndStorage() {
        return Stream.of(Mode.values())
                .flatMap(mode -> Stream.of(Arguments.of(mode, false), Arguments.of(mode, true)));
    }

    @ParameterizedTest(name = "{0}, direct: {1}")
    @MethodSource("modesAndStorage")
    void readsTheRequestFromAHeapOrDirectBuffer(Mode mode, boolean direct) throws Exception {
        assertArrayEquals(mode.expectedFor(TEXT), handle(Uppercasing.service(mode), BYTES, direct));
    }

    @ParameterizedTest(name = "{0}, direct: {1}")
    @MethodSource("modesAndStorage")
    void readsOnlyBetweenPositionAndLimitOfALargerBuffer(Mode mode, boolean direct) throws Exception {
        ByteBuffer request = surrounded(direct);
        assertArrayEquals(mode.expectedFor(TEXT), handle(Uppercasing.service(mode), request, Reply.allocate(1024)));
    }

    @ParameterizedTest(name = "{0}, direct: {1}")
    @MethodSource("modesAndStorage")
    void leavesTheRequestAsItWas(Mode mode, boolean direct) throws Exception {
        ByteBuffer request = surrounded(direct);
        ByteBuffer before = surrounded(false);
        handle(Uppercasing.service(mode), request, Reply.allocate(1024));
        assertEquals(before.position(), request.position());
        assertEquals(before.limit(), request.limit());
        assertEquals(before.clear(), request.clear());
    }

    @ParameterizedTest(name = "{0}, direct: {1}")
    @MethodSource("modesAndStorage")
    void writesIntoADirectReply(Mode mode, boolean direct) throws Exception {
        ByteBuffer request = Uppercasing.copy(BYTES, direct);
        Reply reply = Reply.allocateDirect(1024);
        assertArrayEquals(mode.expectedFor(TEXT), handle(Uppercasing.service(mode), request, reply));
    }

    @ParameterizedTest(name = "{0}, direct: {1}")
    @MethodSource("modesAndStorage")
    void readsALittleEndianRequest(Mode mode, boolean direct) throws Exception {
        ByteBuffer request = Uppercasing.copy(BYTES, direct).order(ByteOrder.LITTLE_ENDIAN);
        assertArrayEquals(mode.expectedFor(TEXT), handle(Uppercasing.service(mode), request, Reply.allocate(1024)));
    }

    @ParameterizedTest(name = "{0}, direct: {1}")
    @MethodSource("modesAndStorage")
    void readsAReadOnlyRequest(Mode mode, boolean direct) throws Exception {
        ByteBuffer request = Uppercasing.copy(BYTES, direct).asReadOnlyBuffer();
        assertArrayEquals(mode.expectedFor(TEXT), handle(Uppercasing.service(mode), request, Reply.allocate(1024)));
    }

    @ParameterizedTest(name = "{0}, direct: {1}")
    @MethodSource("modesAndStorage")
    void writesAfterTheHeadroomATransportReserves(Mode mode, boolean direct) throws Exception {
        Reply reply = Reply.allocateDirect(1024);
        reply.clear(4);
        handle(Uppercasing.service(mode), Uppercasing.copy(BYTES, direct), reply);
        ByteBuffer frame = reply.frame();
        byte[] content = new byte[frame.remaining() - 4];
        frame.position(4).get(content);
        assertArrayEquals(mode.expectedFor(TEXT), content);
    }

    /** @return the request with lower-case bytes before and after it, between position and limit */
    private static ByteBuffer surrounded(boolean direct) {
        byte[] all = Uppercasing.concat(SURROUNDINGS, BYTES, SURROUNDINGS);
        ByteBuffer buffer = Uppercasing.copy(all, direct);
        return buffer.position(SURROUNDINGS.length).limit(SURROUNDINGS.length + BYTES.length);
    }

}
