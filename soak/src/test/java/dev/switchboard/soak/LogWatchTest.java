package dev.switchboard.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogWatchTest {

    private static final String INFO = "2026-12-01 22:49:10.123 INFO    switchboard.launcher  ready in 412 ms";
    private static final String WARNING = "2026-12-01 22:49:20.001 WARNING switchboard.endpoint.tcp-line  closing the connection from 127.0.0.1:5000: frame-timeout";
    private static final String SEVERE = "2026-12-01 22:49:30.555 SEVERE  switchboard.endpoint.tcp-raw  event loop switchboard-tcp-raw-loop-0 failed";
    private static final String OOM = "Exception in thread \"switchboard-tcp-raw-loop-1\" java.lang.OutOfMemoryError: Java heap space";

    @TempDir
    Path directory;

    @Test
    void countsLinesByLevel() {
        LogWatch log = new LogWatch(directory.resolve("unused"));

        List.of(INFO, WARNING, WARNING, "\tat java.base/java.lang.Thread.run(Thread.java:840)").forEach(log::accept);

        assertEquals(Map.of("INFO", 1L, "WARNING", 2L), log.levels());
        assertEquals(0, log.alarmCount());
    }

    @Test
    void severeLinesAndOutOfMemoryErrorsAreAlarms() {
        LogWatch log = new LogWatch(directory.resolve("unused"));

        List.of(INFO, SEVERE, OOM, "\tat dev.switchboard.transport.tcp.EventLoop.run(EventLoop.java:160)").forEach(log::accept);

        assertEquals(List.of(SEVERE, OOM), log.alarms());
    }

    @Test
    void aFailedLoopIsAnAlarmAtAnyLevel() {
        LogWatch log = new LogWatch(directory.resolve("unused"));

        log.accept("2026-12-01 22:49:30.555 WARNING switchboard.endpoint.udp  receive loop switchboard-udp-receive-1 failed");

        assertEquals(1, log.alarmCount());
    }

    @Test
    void keepsTheFirstTenAlarmsAndCountsThemAll() {
        LogWatch log = new LogWatch(directory.resolve("unused"));

        for (int i = 0; i < 25; i++) {
            log.accept(OOM + " " + i);
        }

        assertEquals(25, log.alarmCount());
        assertEquals(LogWatch.KEPT_ALARMS, log.alarms().size());
        assertEquals(OOM + " 0", log.alarms().get(0));
    }

    @Test
    void readsEachEndpointsFinalCounts() {
        LogWatch log = new LogWatch(directory.resolve("unused"));

        log.accept("2026-12-01 22:52:10.001 INFO    switchboard.launcher  tcp-raw stopped: 34900 requests, 34900 replies, 200 refusals (frame-timeout 100, shutdown-timeout 100)");
        log.accept("2026-12-01 22:52:10.002 INFO    switchboard.launcher  udp stopped: 5 requests, 5 replies, no refusals");

        assertEquals(Map.of("tcp-raw", "34900 requests, 34900 replies, 200 refusals (frame-timeout 100, shutdown-timeout 100)",
                "udp", "5 requests, 5 replies, no refusals"), log.finalCounts());
    }

    @Test
    void pollReadsOnlyWhatWasAppendedAndWaitsForTheEndOfAPartLine() throws Exception {
        Path file = Files.writeString(directory.resolve("server.log"), INFO + "\n" + SEVERE.substring(0, 30));
        LogWatch log = new LogWatch(file);

        log.poll();
        assertEquals(Map.of("INFO", 1L), log.levels());
        assertEquals(0, log.alarmCount());

        Files.writeString(file, SEVERE.substring(30) + "\n", StandardOpenOption.APPEND);
        log.poll();
        assertEquals(Map.of("INFO", 1L, "SEVERE", 1L), log.levels());
        assertEquals(List.of(SEVERE), log.alarms());
    }
}
