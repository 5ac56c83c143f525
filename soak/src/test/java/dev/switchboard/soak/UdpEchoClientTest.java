package dev.switchboard.soak;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UdpEchoClientTest {

    @Test
    void readsTheRequestNumberFromTheUpperCasedLabel() {
        assertEquals(Optional.of(17L), UdpEchoClient.sequenceOf(Ascii.upperCase(Ascii.request("udp 3 #17 ", 1, 50))));
    }

    @Test
    void aReplyWithoutALabelHasNoNumber() {
        assertEquals(Optional.empty(), UdpEchoClient.sequenceOf("HELLO".getBytes(US_ASCII)));
        assertEquals(Optional.empty(), UdpEchoClient.sequenceOf("UDP 3 #X7 ".getBytes(US_ASCII)));
    }
}
