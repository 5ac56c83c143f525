package dev.switchboard.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} on every command, and the shell completion script. */
class HelpAndCompletionTest {

    private static final List<String> COMMANDS = List.of("serve", "send", "plugins", "check", "config", "stats");

    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"serve", "send", "plugins", "check", "config", "stats", "generate-completion"})
    void printsEachCommandsUsageWithHelp(String command) {
        Run run = Run.of(home, command, "--help");

        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().startsWith("usage: switchboard " + command + " "), run.out());
        assertTrue(run.served().isEmpty());
    }

    @Test
    void listsEveryCommandInTheUsage() {
        Run run = Run.of(home, "--help");

        for (String command : COMMANDS) {
            assertTrue(run.out().contains("\n  " + command + " "), command + " in\n" + run.out());
        }
        assertTrue(run.out().contains("\n  generate-completion "), run.out());
    }

    @Test
    void documentsSendsExitStatuses() {
        Run run = Run.of(home, "help", "send");

        assertEquals(0, run.status(), run.toString());
        for (String status : List.of("0   every request was answered", "3   no reply", "4   refused", "5   the connection failed")) {
            assertTrue(run.out().contains(status), status + " in\n" + run.out());
        }
    }

    @Test
    void generatesACompletionScriptThatKnowsEveryCommand() {
        Run run = Run.of(home, "generate-completion");

        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().contains("complete -F _complete_switchboard"), run.out());
        for (String command : COMMANDS) {
            assertTrue(run.out().contains("function _picocli_switchboard_" + command + "()"), command);
        }
        assertTrue(run.out().contains("(\"raw\" \"line\" \"length-prefixed\") # --framing values"), run.out());
    }
}
