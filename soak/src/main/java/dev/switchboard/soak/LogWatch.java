package dev.switchboard.soak;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the server's log as it grows and keeps what the soak judges by: lines by level, the lines
 * that mean the server is broken (SEVERE, an {@code OutOfMemoryError}, an uncaught exception, a
 * loop that failed) and the final counts each endpoint logs when it stops. Used from one thread.
 */
final class LogWatch {

    static final int KEPT_ALARMS = 10;

    private static final Pattern LEVEL = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} (\\w+) ");
    private static final Pattern STOPPED = Pattern.compile("switchboard\\.launcher  (\\S+) stopped: (.*)$");
    private static final Pattern ALARM = Pattern.compile(
            "OutOfMemoryError|Exception in thread|(event|receive) loop \\S+ failed|StackOverflowError|InternalError");

    private final Path file;
    private final Map<String, Long> levels = new TreeMap<>();
    private final List<String> alarms = new ArrayList<>();
    private final Map<String, String> finalCounts = new LinkedHashMap<>();
    private long alarmCount;
    private long offset;
    private String partial = "";

    /** @param file the server's log */
    LogWatch(Path file) {
        this.file = file;
    }

    /** Reads what was appended since the last call; a line not yet ended waits for the next call. */
    void poll() throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) {
                return;
            }
            byte[] appended = new byte[(int) Math.min(length - offset, 16 << 20)];
            in.seek(offset);
            in.readFully(appended);
            offset += appended.length;
            String text = partial + new String(appended, UTF_8);
            int end = text.lastIndexOf('\n');
            partial = text.substring(end + 1);
            if (end >= 0) {
                text.substring(0, end).lines().forEach(this::accept);
            }
        }
    }

    /** @param line one line of the log */
    void accept(String line) {
        Matcher level = LEVEL.matcher(line);
        boolean severe = false;
        if (level.find()) {
            levels.merge(level.group(1), 1L, Long::sum);
            severe = level.group(1).equals("SEVERE");
        }
        if (severe || ALARM.matcher(line).find()) {
            alarmCount++;
            if (alarms.size() < KEPT_ALARMS) {
                alarms.add(line.strip());
            }
        }
        Matcher stopped = STOPPED.matcher(line);
        if (stopped.find()) {
            finalCounts.put(stopped.group(1), stopped.group(2));
        }
    }

    /** @return lines logged by level ({@code INFO}, {@code WARNING}, ...) */
    Map<String, Long> levels() {
        return new TreeMap<>(levels);
    }

    /** @return how many lines say the server is broken */
    long alarmCount() {
        return alarmCount;
    }

    /** @return the first {@value #KEPT_ALARMS} of them */
    List<String> alarms() {
        return List.copyOf(alarms);
    }

    /** @return each endpoint's final counts, as it logged them when it stopped, by endpoint name */
    Map<String, String> finalCounts() {
        return new LinkedHashMap<>(finalCounts);
    }
}
