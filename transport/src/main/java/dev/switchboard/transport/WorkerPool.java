package dev.switchboard.transport;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool that runs blocking services off the I/O threads: a fixed number of threads and a
 * fixed-size queue. When the queue is full a task is refused rather than queued, and the caller
 * counts the refusal. Each thread that needs state of its own (a reply buffer, say) keeps it in a
 * {@link ThreadLocal}: the pool's threads live as long as the pool.
 */
public final class WorkerPool {

    /** How long threads get to end once no task runs, or once the tasks still running are interrupted. */
    private static final long EXIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ThreadPoolExecutor executor;
    private final Queue<Thread> created = new ConcurrentLinkedQueue<>();
    /** Tasks accepted and not yet finished: queued or running. */
    private final AtomicInteger inFlight = new AtomicInteger();

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
                new ArrayBlockingQueue<>(queueCapacity), tracked, new ThreadPoolExecutor.AbortPolicy()) {
            @Override
            protected void afterExecute(Runnable task, Throwable thrown) {
                inFlight.decrementAndGet();
            }
        };
    }

    /**
     * @param task the work to run on a worker thread
     * @return whether it was accepted; {@code false} when the queue is full or the pool stopped
     */
    public boolean trySubmit(Runnable task) {
        inFlight.incrementAndGet();
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            return false;
        }
    }

    /**
     * Lets queued and running tasks finish within {@code grace}, then interrupts what still runs and
     * drops what is still queued, and waits for every thread of the pool to end; that takes
     * microseconds unless an interrupted task ignores its interrupt, which it may do for at most a
     * second before this gives up on it. Call it once nothing is submitted any more.
     *
     * @param grace how long to wait for tasks to finish
     * @return how many tasks had not finished when the grace ran out: 0 when all did
     */
    public int stop(Duration grace) {
        executor.shutdown();
        boolean interrupted = false;
        int cut;
        try {
            executor.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            // counted before the interruption below, which lets the cut tasks end at once
            cut = inFlight.get();
            executor.shutdownNow();
        }
        try {
            join(System.nanoTime() + EXIT_NANOS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return cut;
    }

    /**
     * Waits for the threads, which may still be on their way out after the executor terminated,
     * until {@code deadline} at the latest.
     */
    private void join(long deadline) throws InterruptedException {
        for (Thread thread : created) {
            // at least a millisecond: join(0) would wait forever
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }
}
