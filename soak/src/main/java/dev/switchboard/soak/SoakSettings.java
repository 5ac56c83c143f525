package dev.switchboard.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one soak run does: how long it loads the server, the server's heap, and how many
 * never-reading clients it faces. Everything else about the traffic is fixed (see {@link Soak}).
 *
 * @param duration how long the traffic runs, between the server's start and its stop
 * @param heap the server's maximum heap, as {@code -Xmx} takes it ({@code 48m})
 * @param neverReaders how many connections send requests and never read a reply
 * @param distribution the server's distribution ({@code launcher/target/switchboard})
 * @param directory where the configuration, the server's log and the report are written
 */
record SoakSettings(Duration duration, String heap, int neverReaders, Path distribution, Path directory) {

    /** The whole run, its start and stop included, must end within this. */
    static final Duration HARD_CAP = Duration.ofMinutes(10);
    /**
     * What may be spent outside the traffic: at most {@link Soak#outsideTheTraffic()} for the
     * server's start and the stops, with room for the build's own start. The traffic gets the rest of the cap.
     */
    static final Duration OVERHEAD = Duration.ofMinutes(2);
    static final Duration MIN_DURATION = Duration.ofSeconds(30);

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min)?");
    private static final Pattern HEAP = Pattern.compile("\\d+[kKmMgG]?");

    /**
     * @throws IllegalArgumentException if the duration leaves less than {@link #OVERHEAD} of the
     *     hard cap, or is too short to tell warm-up from the rest, or the heap is not an {@code -Xmx} size
     */
    SoakSettings {
        if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(HARD_CAP.minus(OVERHEAD)) > 0) {
            throw new IllegalArgumentException("soak.duration: expected " + MIN_DURATION.toSeconds() + " s to "
                    + HARD_CAP.minus(OVERHEAD).toMinutes() + " minutes (the whole run is capped at "
                    + HARD_CAP.toMinutes() + "), got " + duration.toSeconds() + " s");
        }
        if (!HEAP.matcher(heap).matches()) {
            throw new IllegalArgumentException("soak.heap: expected a size as -Xmx takes it (48m, 1g), got \"" + heap + "\"");
        }
        if (neverReaders < 0) {
            throw new IllegalArgumentException("soak.never-readers: expected 0 or more, got " + neverReaders);
        }
    }

    /**
     * @param properties {@code soak.duration}, {@code soak.heap}, {@code soak.never-readers},
     *     {@code soak.distribution} and {@code soak.directory}, as the soak module's pom sets them
     * @return the settings they describe
     * @throws IllegalArgumentException naming the property that is missing or malformed
     */
    static SoakSettings from(Properties properties) {
        return new SoakSettings(
                parseDuration(required(properties, "soak.duration")),
                required(properties, "soak.heap").trim(),
                parseCount("soak.never-readers", required(properties, "soak.never-readers")),
                Path.of(required(properties, "soak.distribution")),
                Path.of(required(properties, "soak.directory")));
    }

    /**
     * @param text {@code 90s}, {@code 3m}, {@code 3min}, {@code 500ms}, or a number of seconds
     * @return the duration
     * @throws IllegalArgumentException if it is none of those
     */
    static Duration parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("soak.duration: expected a duration such as 90s or 3m, got \"" + text + "\"");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    private static int parseCount(String name, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a whole number, got \"" + text + "\"", e);
        }
    }

    private static String required(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + ": not set (the soak module's pom sets it)");
        }
        return value;
    }
}
