package dev.switchboard.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The configuration the soak's server runs: one endpoint per transport and TCP framing, all on
 * 127.0.0.1 with port 0 (the start-up lines say which ports), every limit and timeout at its
 * default, as users get them.
 */
final class ServerConfig {

    /** The tcp transport's default largest request, which the soak keeps. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /** How long the server may take to answer what it holds when told to stop. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    /**
     * Two loops per endpoint, whatever the machine: with one, a dead loop and a dead server look
     * alike; with two, the one left answering tells them apart.
     */
    static final int LOOPS = 2;

    private ServerConfig() {}

    /**
     * @param directory where to write it
     * @return the file written
     */
    static Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        StringBuilder hocon = new StringBuilder("# Written by the soak: every endpoint on a free loopback port, limits at their defaults.\n"
                + "switchboard.admin.port = 0\n"
                + "switchboard.endpoints {\n");
        hocon.append(endpoint("udp", "udp", ""));
        for (Framing framing : Framing.values()) {
            hocon.append(endpoint(framing.endpoint(), "tcp", ", framing = " + framing.setting()));
        }
        return Files.writeString(directory.resolve("soak.conf"), hocon.append("}\n").toString());
    }

    private static String endpoint(String name, String transport, String more) {
        return String.format(Locale.ROOT, "  %s { transport = %s, host = \"%s\", port = 0, threads = %d, shutdown-grace = %ds%s }%n",
                name, transport, Loopback.SERVER, LOOPS, SHUTDOWN_GRACE.toSeconds(), more);
    }
}
