package dev.switchboard.launcher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code switchboard send URL [TEXT...]}: a client, as the socket exercise's are. */
@Command(name = "send", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {
            "Sends TEXT (its words joined by spaces) and prints the reply; a client, which starts no server.",
            "Without TEXT, does what the exercise's clients do: prints the prompt '" + SendCommand.PROMPT + "',"
                    + " sends each line read from standard input and prints each reply, until the end of the"
                    + " input, over one connection (UDP: one socket).",
            "With the raw framing nothing marks where a reply ends: a reply is complete once it is as long as"
                    + " its request (as the uppercase service's are) and ends on a whole UTF-8 character, or once"
                    + " nothing more arrives for 100 ms after its first byte."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every request was answered",
            "2:a bad option or URL",
            "3:no reply (or no connection) within --timeout",
            "4:refused: nothing listens at the address",
            "5:the connection failed (unknown host, reset) or closed before the whole reply"})
final class SendCommand implements Callable<Integer> {

    static final String PROMPT = "Input lowercase sentence:";

    @Parameters(index = "0", paramLabel = "URL", converter = Target.Converter.class,
            description = "udp://HOST:PORT, tcp://HOST:PORT (IPv6: tcp://[::1]:12000) or unix:PATH")
    private Target target;

    @Parameters(index = "1..*", paramLabel = "TEXT", description = "the request; without it, standard input's lines")
    private List<String> words;

    @Option(names = "--framing", paramLabel = "NAME", converter = ClientFraming.Converter.class,
            completionCandidates = ClientFraming.Names.class,
            description = "on tcp and unix: raw (the default), line or length-prefixed, as the endpoint's"
                    + " framing setting; the client knows only these built-in framings")
    private ClientFraming framing;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "how long to wait for the connection and for each reply, such as 500ms or 5s"
                    + " (default: ${DEFAULT-VALUE})")
    private Duration timeout;

    @Spec
    private CommandSpec spec;

    private final InputStream stdin;

    /** @param stdin where the lines come from when there is no TEXT */
    SendCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        if (framing != null && !target.isStream()) {
            throw new ParameterException(spec.commandLine(),
                    "--framing is for tcp and unix; over udp each datagram is one request and one reply");
        }
        ClientFraming streamFraming = framing == null ? ClientFraming.RAW : framing;
        String text = words == null ? null : String.join(" ", words);
        if (text != null && text.isEmpty() && streamFraming == ClientFraming.RAW && target.isStream()) {
            throw new ParameterException(spec.commandLine(), "nothing to send: raw framing cannot send an empty TEXT");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Session session = Session.open(target, streamFraming, timeout)) {
            if (text != null) {
                print(out, session.ask(text.getBytes(UTF_8)));
            } else {
                converse(session, streamFraming, out);
            }
            return ExitStatus.OK;
        } catch (ClientFailure failure) {
            out.flush();
            spec.commandLine().getErr().println("switchboard send: " + failure.getMessage());
            return failure.status();
        }
    }

    /** The prompt, then a request per line, until the end of the input. */
    private void converse(Session session, ClientFraming streamFraming, PrintWriter out) throws ClientFailure {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, UTF_8));
        while (true) {
            out.print(PROMPT);
            out.flush();
            String line = readLine(lines);
            if (line == null) {
                out.println();
                return;
            }
            if (line.isEmpty() && streamFraming == ClientFraming.RAW && target.isStream()) {
                continue; // zero bytes on a raw stream are no request at all
            }
            print(out, session.ask(line.getBytes(UTF_8)));
        }
    }

    private static void print(PrintWriter out, byte[] reply) {
        out.println(new String(reply, UTF_8));
        out.flush();
    }

    private static String readLine(BufferedReader lines) {
        try {
            return lines.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }
}
