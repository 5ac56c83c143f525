package dev.switchboard.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.launcher.Home;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Which commands a command line is built with: only those its arguments can reach. */
class CliTest {

    private static final List<String> EVERY_COMMAND =
            List.of("serve", "send", "plugins", "check", "config", "stats", "help", "generate-completion");

    private static List<String> commands(String... args) {
        Context context = new Context(new Home(Path.of("")), new Properties(), InputStream.nullInputStream(), launcher -> 0);
        return List.copyOf(Cli.create(context, args).getSubcommands().keySet());
    }

    @Test
    void buildsOnlyTheCommandTheArgumentsName() {
        assertEquals(List.of("send"), commands("send", "udp://127.0.0.1:9", "hello"));
        assertEquals(List.of("plugins"), commands("-Dswitchboard.plugins.dir=x", "plugins"));
    }

    @Test
    void buildsEveryCommandWithoutOne() {
        assertEquals(EVERY_COMMAND, commands("--config", "send"));
        assertEquals(EVERY_COMMAND, commands("--help"));
    }

    @Test
    void buildsEveryCommandForHelpCompletionAndAMisspeltName() {
        assertEquals(EVERY_COMMAND, commands("help", "send"));
        assertEquals(EVERY_COMMAND, commands("generate-completion"));
        assertEquals(EVERY_COMMAND, commands("sned"));
    }
}
