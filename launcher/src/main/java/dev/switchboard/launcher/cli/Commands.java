package dev.switchboard.launcher.cli;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;

import dev.switchboard.launcher.LaunchException;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * Runs a {@code switchboard} command line. One that only serves ({@link ServerCommandLine}) is run
 * directly, without loading picocli: its classes cannot be in the class-data sharing archive, and
 * loading them and building its model of the commands took over a quarter of the server's start-up
 * processor time (docs/DECISIONS.md, decision 36). Every other command line, {@code --help} and
 * mistakes among them, goes to {@link Cli}. Either way a launch failure is logged in one line and
 * exits with its status.
 */
public final class Commands {

    /** What picocli exits with when a command throws something that is not a launch failure. */
    private static final int UNHANDLED = 1;

    private Commands() {}

    /**
     * @param context what the commands work with
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return the exit status
     */
    public static int run(Context context, PrintWriter out, PrintWriter err, String... args) {
        Optional<ConfigOptions> serving = ServerCommandLine.read(args);
        if (serving.isEmpty()) {
            return Cli.execute(context, out, err, args);
        }
        try {
            return context.serve(serving.get());
        } catch (LaunchException e) {
            return launchFailure(e);
        } catch (RuntimeException e) {
            e.printStackTrace(err); // as picocli reports what its execution exception handler rethrows
            err.flush();
            return UNHANDLED;
        }
    }

    /**
     * @param failure why the launch failed
     * @return its exit status, once it is logged
     */
    static int launchFailure(LaunchException failure) {
        System.Logger log = System.getLogger("switchboard.launcher");
        log.log(ERROR, failure.getMessage());
        log.log(DEBUG, "the launch failure in detail", failure);
        return failure.status();
    }
}
