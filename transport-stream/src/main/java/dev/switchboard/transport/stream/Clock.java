package dev.switchboard.transport.stream;

/**
 * One loop's idea of now, read once per wake-up and per event rather than by every part that needs
 * it. Used by the loop's thread only.
 */
final class Clock {

    private long now = System.nanoTime();

    /** @return the time of the last {@link #tick()}, in {@link System#nanoTime()} terms */
    long now() {
        return now;
    }

    /** Reads the time. */
    void tick() {
        now = System.nanoTime();
    }
}
