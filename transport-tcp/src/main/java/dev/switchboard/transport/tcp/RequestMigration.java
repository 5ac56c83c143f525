package dev.switchboard.transport.tcp;

import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether Linux hands the connections queued on a closing listener to another listener sharing its
 * port ({@code net.ipv4.tcp_migrate_req}, Linux 5.14 and later). Without it, closing a listener of
 * an {@code SO_REUSEPORT} group resets every connection whose handshake the kernel had begun or
 * completed for it but the process had not accepted yet; the stream transport's stop accepts its
 * queue empty before closing, which saves those already queued but not those in flight. See
 * docs/DECISIONS.md for the measurement.
 */
final class RequestMigration {

    static final Path SYSCTL = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");

    private RequestMigration() {}

    /**
     * Logs a warning when the port is shared and the kernel would reset connections in flight to
     * this listener when it closes: when the setting reads {@code 0}. Says nothing where the file
     * is absent (not Linux, or a kernel older than 5.14, where nothing can be done about it).
     *
     * @param sysctl the file to read, {@link #SYSCTL} but in tests
     * @param logger the endpoint's logger
     */
    static void warnIfOff(Path sysctl, System.Logger logger) {
        String value;
        try {
            value = Files.readString(sysctl).strip();
        } catch (IOException e) {
            return;
        }
        if (value.equals("0")) {
            logger.log(WARNING, "reuse-port = true, but net.ipv4.tcp_migrate_req = 0: when this instance stops,"
                    + " connections still in its handshake are reset instead of going to the instance sharing the"
                    + " port; set net.ipv4.tcp_migrate_req = 1 for restarts that lose nothing");
        }
    }
}
