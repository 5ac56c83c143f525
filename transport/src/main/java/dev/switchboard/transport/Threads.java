package dev.switchboard.transport;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names the threads transports start, so that a thread dump tells which endpoint owns which. */
public final class Threads {

    private Threads() {}

    /**
     * @param prefix such as {@code "switchboard-tcp-loop"}; a dash and a number are appended
     * @return a factory of daemon threads; the launcher, not these threads, keeps the JVM alive
     */
    public static ThreadFactory factory(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }
}
