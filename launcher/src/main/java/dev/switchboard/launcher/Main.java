package dev.switchboard.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchboard.launcher.cli.Commands;
import dev.switchboard.launcher.cli.Context;
import dev.switchboard.launcher.cli.Serving;
import dev.switchboard.launcher.endpoint.Admin;
import dev.switchboard.launcher.endpoint.FatalFailures;
import dev.switchboard.launcher.endpoint.Server;
import dev.switchboard.launcher.logging.ShutdownAwareLogManager;
import dev.switchboard.launcher.plugin.TransportPreparation;
import dev.switchboard.launcher.reload.HangUpSignal;
import dev.switchboard.launcher.reload.Reloader;
import dev.switchboard.launcher.reload.Reloads;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.logging.LogManager;

/**
 * {@code switchboard [COMMAND] [OPTIONS]}, run by {@link Commands}. Without a command (or with
 * {@code serve}) serves the configured endpoints until the process is told to stop (SIGTERM,
 * Ctrl-C), then stops them gracefully and exits 0; SIGHUP reloads the configuration and the plugins
 * ({@link Reloader}). Exits 2 for a usage, configuration or plugin
 * problem and 1 if an endpoint cannot start, with one line saying why. Exits
 * {@value #SERVING_THREAD_DIED} after stopping every endpoint when a serving thread (an event loop,
 * an acceptor, a receive loop) dies of a failure nothing contained, such as an
 * {@link OutOfMemoryError}, so that a supervisor restarts the process (docs/DECISIONS.md). The other
 * commands start no server; their statuses are in their {@code --help}.
 */
public final class Main {

    /** Exit status when a serving thread died: EX_SOFTWARE of sysexits.h, an internal software error. */
    static final int SERVING_THREAD_DIED = 70;

    /** What the shutdown hook exits with: 0 for a stop asked for, {@link #SERVING_THREAD_DIED} for one that was not. */
    private static volatile int exitStatus;

    /** What serving is for the process: its transports prepared in the background, then {@link #serve}. */
    private static final Serving SERVING = new Serving() {
        @Override
        public void prepare() {
            TransportPreparation.startInBackground();
        }

        @Override
        public int serve(Launcher launcher) {
            return Main.serve(launcher);
        }
    };

    private Main() {}

    /** @param args the command line */
    public static void main(String[] args) {
        // The replies send prints are UTF-8, as the server reads and writes them, whatever the locale.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, UTF_8), true);
        int status = Commands.run(new Context(Home.fromSystemProperty(), System.getProperties(), System.in, SERVING),
                out, err, args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    private static int serve(Launcher launcher) {
        Server server = startServing(launcher);
        if (Training.requested()) {
            // The training start serves as any start does, so that the archive holds what a start loads.
            Training.askEach(server.endpoints());
            return 0; // main's exit runs the shutdown hook, which stops the endpoints
        }
        server.awaitStopped();
        return 0;
    }

    /**
     * Binds the admin endpoint (if enabled: before any endpoint, so that a port in use stops the start
     * before anything else binds), starts the server, then makes the admin endpoint answer: its JVM
     * metrics and its thread would otherwise compete with the endpoints' start for the processor, and
     * a probe that connects meanwhile waits in its backlog. When the JVM shuts down, a hook stops the
     * server; the admin endpoint answers, not ready, until the process ends. The hook
     * ends the process with status 0 (a SIGTERM would otherwise end it with 143): the shutdown was
     * the clean one asked for; or with {@link #SERVING_THREAD_DIED} when a serving thread's death
     * began it. It is installed before the start, so that a SIGTERM that arrives
     * while the endpoints start, or just after {@code ready} is logged, still stops them gracefully
     * ({@link Server#stop()} waits for a start in progress).
     */
    private static Server startServing(Launcher launcher) {
        Server server = launcher.get(Server.class);
        Optional<ShutdownAwareLogManager> logging = LogManager.getLogManager() instanceof ShutdownAwareLogManager m
                ? Optional.of(m) : Optional.empty();
        logging.ifPresent(ShutdownAwareLogManager::holdHandlersAtShutdown);
        Thread hook = new Thread(() -> {
            try {
                server.stop();
            } finally {
                logging.ifPresent(ShutdownAwareLogManager::releaseHandlers);
            }
            Runtime.getRuntime().halt(exitStatus);
        }, "switchboard-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // The exit runs the hook, which stops every endpoint within its grace, then halts with this status.
        launcher.get(FatalFailures.class).respondWith(() -> {
            exitStatus = SERVING_THREAD_DIED;
            System.exit(SERVING_THREAD_DIED);
        });
        // Before the start: a SIGHUP during it reloads once it is done, rather than ending the process.
        Reloader reloader = launcher.get(Reloader.class);
        HangUpSignal.install(new Reloads(reloader::reload));
        try {
            Admin admin = launcher.get(Admin.class);
            admin.bind(server);
            launcher.start();
            admin.start(server);
        } catch (LaunchException e) {
            // A failed start exits with its own status, not the hook's 0; unless a signal has
            // already begun the shutdown, in which case the hook's exit is the one that happens.
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                logging.ifPresent(ShutdownAwareLogManager::closeHandlersAtShutdown);
            } catch (IllegalStateException shutdownInProgress) {
                // the hook runs, stops what started and exits
            }
            throw e;
        }
        return server;
    }
}
