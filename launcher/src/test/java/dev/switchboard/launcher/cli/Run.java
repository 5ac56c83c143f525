package dev.switchboard.launcher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchboard.launcher.Home;
import dev.switchboard.launcher.Launcher;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One run of the command line in this process, as {@code bin/switchboard} would run it with a home
 * directory, no system property overrides and the given standard input; serving is recorded, not done.
 *
 * @param status the exit status
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 * @param served the launchers it would have served with
 */
record Run(int status, String out, String err, List<Launcher> served) {

    /**
     * @param home the home directory
     * @param stdin standard input's content
     * @param args the arguments
     * @return what the run did
     */
    static Run withInput(Path home, String stdin, String... args) {
        List<Launcher> served = new ArrayList<>();
        Context context = new Context(new Home(home), new Properties(), new ByteArrayInputStream(stdin.getBytes(UTF_8)),
                launcher -> {
                    served.add(launcher);
                    return 0;
                });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Commands.run(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString(), List.copyOf(served));
    }

    /** A run with an empty standard input. */
    static Run of(Path home, String... args) {
        return withInput(home, "", args);
    }

    /** @return what was printed on standard output, line by line */
    List<String> lines() {
        return out.lines().toList();
    }

    @Override
    public String toString() {
        return "status " + status + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
