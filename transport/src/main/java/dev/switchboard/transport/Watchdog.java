package dev.switchboard.transport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * The process's one blocked-thread checker thread, {@value #THREAD_NAME}: it looks at every started
 * {@link BlockedThreads} as often as the most demanding one asks, and waits without a timeout while
 * there is none. One wake-up per interval for the whole process rather than one per endpoint: on a
 * virtual machine a wake-up of an idle CPU costs far more than the check it makes.
 */
final class Watchdog {

    static final String THREAD_NAME = "switchboard-watchdog";
    static final Watchdog SHARED = new Watchdog();

    private final List<BlockedThreads> checked = new CopyOnWriteArrayList<>();
    private Thread thread;

    private Watchdog() {}

    /** Looks at {@code threads} from now on, starting the checker's thread if it is not yet running. */
    synchronized void add(BlockedThreads threads) {
        checked.add(threads);
        if (thread == null) {
            thread = new Thread(this::run, THREAD_NAME);
            thread.setDaemon(true);
            thread.start();
        } else {
            LockSupport.unpark(thread); // its interval may be the shortest now
        }
    }

    /** Stops looking at {@code threads}; a check of it in progress has ended once its close returns. */
    void remove(BlockedThreads threads) {
        checked.remove(threads);
    }

    private void run() {
        while (true) {
            long interval = Long.MAX_VALUE;
            for (BlockedThreads threads : checked) {
                interval = Math.min(interval, threads.interval());
            }
            if (interval == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, interval);
            }
            long now = System.nanoTime();
            for (BlockedThreads threads : checked) {
                threads.check(now);
            }
        }
    }
}
