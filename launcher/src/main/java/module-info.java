/**
 * The Switchboard launcher: reads the configuration, loads every plugin into a module layer of its
 * own, finds the transports, services and framings with {@link java.util.ServiceLoader}, creates every
 * endpoint (validating all settings before anything binds), then runs them until the process is
 * told to stop. Guice wires the launcher's own object graph; plugins know nothing of it. The
 * command line (picocli) also has client commands, {@code send} and {@code stats}, which start
 * none of that.
 *
 * <p>Exports nothing; the logging package is exported to {@code java.logging} only, which
 * instantiates its {@link java.util.logging.LogManager} and formatters reflectively.
 */
module dev.switchboard.launcher {
    requires dev.switchboard.api;
    requires dev.switchboard.settings;
    requires dev.switchboard.admin;
    requires java.logging;
    requires java.management;
    requires java.net.http;
    requires com.google.guice;
    requires com.google.common;
    requires jakarta.inject;
    requires info.picocli;
    // sun.misc.Signal: SIGHUP reloads
    requires jdk.unsupported;

    uses dev.switchboard.api.TransportProvider;
    uses dev.switchboard.api.MessageServiceProvider;
    uses dev.switchboard.api.FrameCodecProvider;
    uses dev.switchboard.api.EndpointObserverProvider;

    exports dev.switchboard.launcher.logging to java.logging;

    opens dev.switchboard.launcher to com.google.guice;
    opens dev.switchboard.launcher.endpoint to com.google.guice;
    opens dev.switchboard.launcher.plugin to com.google.guice;
    opens dev.switchboard.launcher.reload to com.google.guice;
    opens dev.switchboard.launcher.cli to info.picocli;
}
