package dev.switchboard.transport;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bounded pool that runs blocking services off the I/O threads: a fixed number of threads and a
 * fixed-size queue. When the queue is full a task is refused rather than queued, and the caller
 * counts the refusal.
 */
public final class WorkerPool {

    private final ThreadPoolExecutor executor;

    /**
     * @param name prefix of the threads' names
     * @param threads how many threads
     * @param queueCapacity how many tasks may wait for a thread
     */
    public WorkerPool(String name, int threads, int queueCapacity) {
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), Threads.factory(name),
                new ThreadPoolExecutor.AbortPolicy());
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
     * Lets queued and running tasks finish within {@code grace}, then interrupts what remains.
     *
     * @param grace how long to wait for tasks to finish
     * @return whether every task finished in time
     */
    public boolean stop(Duration grace) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        return false;
    }
}
