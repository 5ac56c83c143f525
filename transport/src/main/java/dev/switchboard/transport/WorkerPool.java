package dev.switchboard.transport;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bounded pool that runs blocking services off the I/O threads: a fixed number of threads and a
 * fixed-size queue. When the queue is full a task is refused rather than queued, and the caller
 * counts the refusal.
 */
public final class WorkerPool {

    /** How long threads get to end once no task runs, or once the tasks still running are interrupted. */
    private static final long EXIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ThreadPoolExecutor executor;
    private final Queue<Thread> created = new ConcurrentLinkedQueue<>();

    /**
     * @param name prefix of the threads' names
     * @param threads how many threads
     * @param queueCapacity how many tasks may wait for a thread
     */
    public WorkerPool(String name, int threads, int queueCapacity) {
        ThreadFactory named = Threads.factory(name);
        ThreadFactory tracked = task -> {
            Thread thread = named.newThread(task);
            created.add(thread);
            return thread;
        };
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), tracked, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * @param task the work to run on a worker thread
     * @return whether it was accepted; {@code false} when the queue is full or the pool stopped
     */
    public boolean trySubmit(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * Lets queued and running tasks finish within {@code grace}, interrupts what still runs then,
     * and waits for every thread of the pool to end; that takes microseconds unless an interrupted
     * task ignores its interrupt, which it may do for at most a second before this gives up on it.
     *
     * @param grace how long to wait for tasks to finish
     * @return whether every task finished in time and every thread ended: then no thread of the
     *     pool is alive
     */
    public boolean stop(Duration grace) {
        executor.shutdown();
        try {
            boolean finished = executor.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS);
            if (!finished) {
                executor.shutdownNow();
            }
            return join(System.nanoTime() + EXIT_NANOS) && finished;
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits for the threads, which may still be on their way out after the executor terminated.
     *
     * @return whether every thread ended by {@code deadline}
     */
    private boolean join(long deadline) throws InterruptedException {
        for (Thread thread : created) {
            // at least a millisecond: join(0) would wait forever
            long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            thread.join(millis);
            if (thread.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
