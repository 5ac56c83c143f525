package dev.switchboard.soak;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the soak's server listens, read from the lines it logs as it starts, such as
 * {@code "... INFO    switchboard.launcher  tcp-line (tcp) 127.0.0.1:40123 line, 2 loops -> [uppercase]"}.
 *
 * @param udp the UDP endpoint
 * @param tcp the TCP endpoints by framing, in {@link Framing} order
 */
record Endpoints(InetSocketAddress udp, Map<Framing, InetSocketAddress> tcp) {

    private static final Pattern STARTED = Pattern.compile(
            "switchboard\\.launcher  (\\S+) (?:\\(\\w+\\) )?" + Pattern.quote(Loopback.SERVER) + ":(\\d+)[ ,]");

    /** @param tcp copied, unmodifiable */
    Endpoints {
        tcp = Collections.unmodifiableMap(new EnumMap<>(tcp));
    }

    /**
     * @param log the server's output so far
     * @return every endpoint's address, or empty if a start-up line is missing
     */
    static Optional<Endpoints> parse(List<String> log) {
        Map<String, Integer> ports = new HashMap<>();
        for (String line : log) {
            Matcher matcher = STARTED.matcher(line);
            if (matcher.find()) {
                ports.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
            }
        }
        Map<Framing, InetSocketAddress> tcp = new EnumMap<>(Framing.class);
        for (Framing framing : Framing.values()) {
            Integer port = ports.get(framing.endpoint());
            if (port == null) {
                return Optional.empty();
            }
            tcp.put(framing, new InetSocketAddress(Loopback.SERVER, port));
        }
        Integer udp = ports.get("udp");
        return udp == null ? Optional.empty() : Optional.of(new Endpoints(new InetSocketAddress(Loopback.SERVER, udp), tcp));
    }
}
