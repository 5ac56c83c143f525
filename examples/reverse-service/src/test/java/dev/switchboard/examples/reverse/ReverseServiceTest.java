package dev.switchboard.examples.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.SettingsException;
import dev.switchboard.testkit.InMemoryTransport;
import dev.switchboard.testkit.TestSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReverseServiceTest {

    private static InMemoryTransport reverse(String settings) {
        MessageService service = new ReverseProvider().create(TestSettings.serviceContext("reverse", settings));
        return InMemoryTransport.serving(service);
    }

    private static final InMemoryTransport DEFAULTS = reverse("");

    @Test
    void reversesAsciiText() throws Exception {
        assertEquals(Optional.of("olleh"), DEFAULTS.send("hello"));
    }

    @Test
    void reversesByCodePointNotByByte() throws Exception {
        assertEquals(Optional.of("ßöllèh"), DEFAULTS.send("hèllöß"));
    }

    @Test
    void keepsCharactersOutsideTheBasicPlaneWhole() throws Exception {
        assertEquals(Optional.of("b😀a"), DEFAULTS.send("a😀b"));
    }

    @Test
    void keepsATrailingLineFeedAtTheEnd() throws Exception {
        assertEquals(Optional.of("cba\n"), DEFAULTS.send("abc\n"));
    }

    @Test
    void keepsATrailingCrlfAtTheEnd() throws Exception {
        assertEquals(Optional.of("cba\r\n"), DEFAULTS.send("abc\r\n"));
    }

    @Test
    void reversesTheLineEndingTooWhenConfigured() throws Exception {
        assertEquals(Optional.of("\ncba"), reverse("keep-trailing-newline = false").send("abc\n"));
    }

    @Test
    void reversesTheBytesOfInvalidUtf8() throws Exception {
        byte[] invalid = {'a', (byte) 0xC3, 'b', (byte) 0xFF};
        assertArrayEquals(new byte[] {(byte) 0xFF, 'b', (byte) 0xC3, 'a'}, DEFAULTS.send(invalid).orElseThrow());
    }

    @Test
    void treatsEncodedSurrogatesAsInvalid() throws Exception {
        byte[] surrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80, 'x'};
        assertArrayEquals(new byte[] {'x', (byte) 0x80, (byte) 0xA0, (byte) 0xED}, DEFAULTS.send(surrogate).orElseThrow());
    }

    @Test
    void treatsOverlongFormsAsInvalid() throws Exception {
        byte[] overlongSlash = {(byte) 0xC0, (byte) 0xAF};
        assertArrayEquals(new byte[] {(byte) 0xAF, (byte) 0xC0}, DEFAULTS.send(overlongSlash).orElseThrow());
    }

    @Test
    void treatsATruncatedSequenceAsInvalid() throws Exception {
        byte[] truncated = {'a', (byte) 0xE2, (byte) 0x82};
        assertArrayEquals(new byte[] {(byte) 0x82, (byte) 0xE2, 'a'}, DEFAULTS.send(truncated).orElseThrow());
    }

    @Test
    void answersAnEmptyRequestWithAnEmptyReply() throws Exception {
        assertEquals(Optional.of(""), DEFAULTS.send(""));
    }

    @Test
    void answersALoneLineFeedWithItself() throws Exception {
        assertEquals(Optional.of("\n"), DEFAULTS.send("\n"));
    }

    @Test
    void rejectsASettingThatIsNotABoolean() {
        SettingsException e = assertThrows(SettingsException.class, () -> reverse("keep-trailing-newline = sometimes"));
        assertEquals(true, e.getMessage().contains("switchboard.services.reverse.keep-trailing-newline: expected true or false"),
                e.getMessage());
    }

    @Test
    void isNamedReverse() {
        assertEquals("reverse", new ReverseProvider().name());
    }
}
