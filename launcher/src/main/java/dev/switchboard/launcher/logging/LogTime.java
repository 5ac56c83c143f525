package dev.switchboard.launcher.logging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** An event's time as the log formatters write it: ISO 8601 with milliseconds and the UTC offset. */
final class LogTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

    private LogTime() {}

    /**
     * @param instant when the event happened
     * @param zone the zone whose offset to write
     * @return such as {@code 2026-12-01T22:44:31.123+01:00}
     */
    static String format(Instant instant, ZoneId zone) {
        return FORMAT.format(instant.atZone(zone));
    }
}
