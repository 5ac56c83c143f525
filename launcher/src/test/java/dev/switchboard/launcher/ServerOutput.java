package dev.switchboard.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The lines a server process writes (standard error merged in), read as they come by a daemon thread. */
final class ServerOutput {

    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    /** @param process a process started with its error stream redirected to its output */
    ServerOutput(Process process) {
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the test killed the process while this thread read it: it wants no more output
            }
        }, "switchboard-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for a line matching {@code pattern}, until the output ends or 30 seconds pass. */
    Matcher awaitLine(String pattern) throws InterruptedException {
        Pattern compiled = Pattern.compile(pattern);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    Matcher matcher = compiled.matcher(line);
                    if (matcher.find()) {
                        return matcher;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !reader.isAlive()) {
                    throw new AssertionError("no line matching " + pattern + " in " + lines);
                }
                lines.wait(Math.min(left, 100));
            }
        }
    }

    /** @return what has been read so far, one line after another */
    String text() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** @return all of it, once the process has ended: waits up to 10 seconds for the last lines to be read */
    String whole() throws InterruptedException {
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return text();
    }
}
