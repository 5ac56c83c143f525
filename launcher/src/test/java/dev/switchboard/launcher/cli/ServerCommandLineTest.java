package dev.switchboard.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.launcher.Home;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command lines that only serve, read without picocli: exactly those, each as picocli reads it. */
class ServerCommandLineTest {

    private static final Context CONTEXT =
            new Context(new Home(Path.of("")), new Properties(), InputStream.nullInputStream(), launcher -> 0);

    /** What picocli's model makes of the arguments: the options of {@code serve}, or of {@code switchboard} without a command. */
    private static ConfigOptions readByPicocli(String... args) {
        boolean serve = args.length > 0 && args[0].equals("serve");
        CommandLine cli = new CommandLine(serve ? new ServeCommand(CONTEXT) : new SwitchboardCommand(CONTEXT));
        cli.parseArgs(serve ? List.of(args).subList(1, args.length).toArray(String[]::new) : args);
        return (ConfigOptions) cli.getMixins().get("options");
    }

    @Test
    void readsTheServersCommandLinesAsPicocliDoes() {
        List<List<String>> serving = List.of(
                List.of(),
                List.of("serve"),
                List.of("--config", "other.conf"),
                List.of("--config=dir/other.conf"),
                List.of("serve", "--config", "other.conf", "-Dswitchboard.endpoints.tcp.port=13000"),
                List.of("-Dswitchboard.a=1", "--config", "other.conf", "-Dswitchboard.b=x=y", "-Dswitchboard.c="),
                List.of("-Dswitchboard.a=1", "-Dswitchboard.a=2"));
        for (List<String> args : serving) {
            String[] line = args.toArray(String[]::new);
            ConfigOptions read = ServerCommandLine.read(line).orElseThrow(() -> new AssertionError(args + " not read"));
            ConfigOptions expected = readByPicocli(line);
            assertEquals(expected.commandLine(), read.commandLine(), args.toString());
            assertEquals(expected.properties(new Properties()), read.properties(new Properties()), args.toString());
        }
    }

    @Test
    void leavesEveryOtherCommandLineToPicocli() {
        List<List<String>> others = List.of(
                List.of("--help"), List.of("serve", "--help"), List.of("-h"), List.of("--version"), List.of("--check"),
                List.of("send", "udp://127.0.0.1:9"), List.of("check"), List.of("help"), List.of("sevre"),
                List.of("serve", "serve"), List.of("--config", "a.conf", "serve"), List.of("--"),
                List.of("--config"), List.of("--config="), List.of("--config", "a.conf", "--config", "b.conf"),
                List.of("--config", "--check"), List.of("--config", "@arguments"), List.of("@arguments"),
                List.of("-D"), List.of("-Dswitchboard.a"), List.of("-D=1"), List.of("-D", "switchboard.a=1"),
                List.of("--config", "nul\0.conf"));
        for (List<String> args : others) {
            assertTrue(ServerCommandLine.read(args.toArray(String[]::new)).isEmpty(), args.toString());
        }
    }
}
