package dev.switchboard.launcher;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;

import dev.switchboard.launcher.endpoint.FatalFailures;
import dev.switchboard.launcher.endpoint.Server;
import dev.switchboard.launcher.logging.ShutdownAwareLogManager;
import java.lang.module.ModuleDescriptor;
import java.util.Optional;
import java.util.logging.LogManager;

/**
 * {@code switchboard [--config FILE] [--check] [--help] [--version]}: serves the configured
 * endpoints until the process is told to stop (SIGTERM, Ctrl-C), then stops them gracefully and
 * exits 0. Exits 2 for a usage, configuration or plugin problem and 1 if an endpoint cannot start,
 * with one line saying why. Exits {@value #SERVING_THREAD_DIED} after stopping every endpoint when a
 * serving thread (an event loop, an acceptor, a receive loop) dies of a failure nothing contained,
 * such as an {@link OutOfMemoryError}, so that a supervisor restarts the process (docs/DECISIONS.md).
 */
public final class Main {

    private static final System.Logger LOG = System.getLogger("switchboard.launcher");
    private static final String GUICE_BYTECODE_GENERATION = "guice_bytecode_gen_option";
    /** Exit status when a serving thread died: EX_SOFTWARE of sysexits.h, an internal software error. */
    static final int SERVING_THREAD_DIED = 70;

    /** What the shutdown hook exits with: 0 for a stop asked for, {@link #SERVING_THREAD_DIED} for one that was not. */
    private static volatile int exitStatus;

    private Main() {}

    /** @param args the command line */
    public static void main(String[] args) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("switchboard: " + e.getMessage());
            System.err.print(CommandLine.USAGE);
            System.exit(LaunchException.BAD_CONFIGURATION);
            return;
        }
        if (commandLine.help()) {
            System.out.print(CommandLine.USAGE);
        } else if (commandLine.version()) {
            System.out.println("switchboard " + version() + " (Java " + Runtime.version() + ")");
        } else {
            run(commandLine);
        }
    }

    private static void run(CommandLine commandLine) {
        // Guice's generated classes cannot reach the launcher's unexported packages (DESIGN.md, pitfall 6);
        // bin/switchboard sets this too, but `java -m` alone should work as well.
        if (System.getProperty(GUICE_BYTECODE_GENERATION) == null) {
            System.setProperty(GUICE_BYTECODE_GENERATION, "DISABLED");
        }
        try {
            Launcher launcher = Launcher.create(commandLine, Home.fromSystemProperty(), System.getProperties());
            if (commandLine.check()) {
                System.exit(launcher.check(System.out));
            }
            if (Training.requested()) {
                Server server = launcher.start();
                Training.askEach(server.endpoints());
                server.stop();
                System.exit(0);
            }
            serveUntilShutdown(launcher);
        } catch (LaunchException e) {
            LOG.log(ERROR, e.getMessage());
            LOG.log(DEBUG, "the launch failure in detail", e);
            System.exit(e.status());
        }
    }

    /**
     * Starts the server and blocks until the JVM shuts down, when a hook stops the server. The hook
     * ends the process with status 0 (a SIGTERM would otherwise end it with 143): the shutdown was
     * the clean one asked for; or with {@link #SERVING_THREAD_DIED} when a serving thread's death
     * began it. It is installed before the start, so that a SIGTERM that arrives
     * while the endpoints start, or just after {@code ready} is logged, still stops them gracefully
     * ({@link Server#stop()} waits for a start in progress).
     */
    private static void serveUntilShutdown(Launcher launcher) {
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
        try {
            launcher.start();
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
        server.awaitStopped();
    }

    private static String version() {
        ModuleDescriptor descriptor = Main.class.getModule().getDescriptor();
        return descriptor == null ? "(unknown version)" : descriptor.rawVersion().orElse("(unknown version)");
    }
}
