package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void servesWithTheDefaultConfigurationWhenGivenNoArguments() {
        assertEquals(new CommandLine(Optional.empty(), false, false, false), CommandLine.parse());
    }

    @Test
    void readsTheConfigurationFileInEitherForm() {
        assertEquals(Optional.of(Path.of("a.conf")), CommandLine.parse("--config", "a.conf").config());
        assertEquals(Optional.of(Path.of("b.conf")), CommandLine.parse("--config=b.conf").config());
    }

    @Test
    void readsEveryFlag() {
        assertEquals(new CommandLine(Optional.of(Path.of("x.conf")), true, true, true),
                CommandLine.parse("--check", "--help", "--version", "--config", "x.conf"));
    }

    @Test
    void rejectsAnUnknownOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--chek"));
        assertEquals("unknown option --chek", e.getMessage());
    }

    @Test
    void rejectsAnArgumentThatIsNotAnOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("app.conf"));
        assertEquals("unexpected argument app.conf", e.getMessage());
    }

    @Test
    void rejectsConfigWithoutAFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--config"));
        assertEquals("--config needs a file", e.getMessage());
    }
}
