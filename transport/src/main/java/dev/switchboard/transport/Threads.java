package dev.switchboard.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Starts, names and waits for the threads of transports, so that a thread dump tells which endpoint owns which. */
public final class Threads {

    private Threads() {}

    /**
     * @param endpoint the endpoint's name
     * @param role what the threads do, such as {@code "loop"}
     * @return the prefix of the names of those threads: {@code "switchboard-tcp-loop"}
     */
    public static String prefix(String endpoint, String role) {
        return "switchboard-" + endpoint + "-" + role;
    }

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

    /**
     * Starts a thread for each task, named {@code prefix-0}, {@code prefix-1}, ...
     *
     * @param prefix such as {@code "switchboard-tcp-loop"}
     * @param tasks what the threads run, one each
     * @return the started daemon threads, in the tasks' order
     */
    public static List<Thread> start(String prefix, List<? extends Runnable> tasks) {
        ThreadFactory factory = factory(prefix);
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : tasks) {
            Thread thread = factory.newThread(task);
            threads.add(thread);
            thread.start();
        }
        return List.copyOf(threads);
    }

    /**
     * Waits for {@code thread} to end, however long; an interruption is kept for the caller.
     *
     * @param thread a started thread
     */
    public static void awaitEnd(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for {@code thread} to end by {@code deadline}; an interruption is kept for the caller.
     *
     * @param thread a started thread
     * @param deadline on the {@link System#nanoTime} clock
     * @return whether the thread ended by the deadline
     */
    public static boolean awaitEnd(Thread thread, long deadline) {
        boolean interrupted = false;
        try {
            while (thread.isAlive()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
