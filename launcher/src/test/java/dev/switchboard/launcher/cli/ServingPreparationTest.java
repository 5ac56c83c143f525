package dev.switchboard.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.launcher.Home;
import dev.switchboard.launcher.Launcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serving is prepared before the configuration is read, whichever way the command line reaches it. */
class ServingPreparationTest {

    /** Records what the commands ask of it, in order. */
    private static final class RecordingServing implements Serving {

        final List<String> calls = new ArrayList<>();

        @Override
        public void prepare() {
            calls.add("prepare");
        }

        @Override
        public int serve(Launcher launcher) {
            calls.add("serve");
            return 0;
        }
    }

    private static List<String> callsFor(String... args) {
        RecordingServing serving = new RecordingServing();
        Context context = new Context(new Home(Path.of("")), new Properties(), InputStream.nullInputStream(), serving);
        PrintWriter discarded = new PrintWriter(new StringWriter());
        assertEquals(0, Commands.run(context, discarded, discarded, args));
        return serving.calls;
    }

    @Test
    void preparesThenServesACommandLineReadWithoutPicocli() {
        assertEquals(List.of("prepare", "serve"), callsFor("--config", "other.conf"));
    }

    @Test
    void preparesThenServesTheServeCommandThroughPicocli(@TempDir Path dir) throws IOException {
        Path arguments = Files.writeString(dir.resolve("arguments"), "--config other.conf\n");
        assertEquals(List.of("prepare", "serve"), callsFor("serve", "@" + arguments));
    }

    @Test
    void preparesThenServesWithoutACommandThroughPicocli(@TempDir Path dir) throws IOException {
        Path arguments = Files.writeString(dir.resolve("arguments"), "--config other.conf\n");
        assertEquals(List.of("prepare", "serve"), callsFor("@" + arguments));
    }
}
