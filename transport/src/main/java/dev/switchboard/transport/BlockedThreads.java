package dev.switchboard.transport;

import static java.lang.System.Logger.Level.WARNING;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Notices an I/O thread stuck in a service call, as Vert.x's blocked-thread checker does: a service
 * that blocks without declaring {@link dev.switchboard.api.MessageService#isBlocking()} holds up
 * every connection of its thread, and this says so. The process's one checker thread
 * ({@link Watchdog}) looks at each I/O thread's {@link Watch} a few times per {@code warnAfter}; a
 * thread found in the same service call for longer is logged once per stall at WARNING, with its stack
 * trace, and counted as the {@link Failure#BLOCKED_THREAD} failure.
 *
 * <p>The watched threads pay two opaque stores of a field of their own per service call, the cost
 * of two plain stores; nothing else runs on them.
 */
public final class BlockedThreads implements AutoCloseable {

    private static final long MIN_INTERVAL = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_INTERVAL = TimeUnit.SECONDS.toNanos(1);

    private final String endpoint;
    private final Object service;
    private final long warnAfter;
    private final long interval;
    private final System.Logger logger;
    private final Counters.Shard counters;
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private boolean started;
    private boolean closed;

    /**
     * @param endpoint the endpoint's name, for the log line
     * @param service the service its threads call, named in the log line
     * @param warnAfter how long a service call may take before it is reported; {@link Duration#ZERO}
     *     = never (not checked)
     * @param logger where the reports go
     * @param counters a shard the checker's thread alone writes
     */
    public BlockedThreads(String endpoint, Object service, Duration warnAfter, System.Logger logger,
            Counters.Shard counters) {
        this.endpoint = endpoint;
        this.service = service;
        this.warnAfter = warnAfter.toNanos();
        this.interval = Math.max(MIN_INTERVAL, Math.min(MAX_INTERVAL, this.warnAfter / 4));
        this.logger = logger;
        this.counters = counters;
    }

    /**
     * @return a new watch, looked at by the checker once {@link Watch#bind bound} to its thread
     */
    public Watch watch() {
        Watch watch = new Watch();
        watches.add(watch);
        return watch;
    }

    /** Has the process's checker look at the watches from now on, unless {@code warnAfter} is zero. */
    public synchronized void start() {
        if (warnAfter == 0 || started || closed) {
            return;
        }
        started = true;
        Watchdog.SHARED.add(this);
    }

    /** Stops the checks: none is in progress once this returns, and none follows. */
    @Override
    public synchronized void close() {
        closed = true;
        if (started) {
            Watchdog.SHARED.remove(this);
        }
    }

    /** @return how often the checker looks */
    long interval() {
        return interval;
    }

    /** On the checker's thread: looks at every watch. */
    synchronized void check(long now) {
        if (closed) {
            return;
        }
        for (Watch watch : watches) {
            check(watch, now);
        }
    }

    private void check(Watch watch, long now) {
        long calls = (long) Watch.CALLS.getOpaque(watch);
        if ((calls & 1) == 0) {
            return; // not in a service call
        }
        if (calls != watch.seenCalls) {
            watch.seenCalls = calls;
            watch.seenSince = now;
        } else if (now - watch.seenSince >= warnAfter && calls != watch.reportedCalls && watch.thread != null) {
            Thread thread = watch.thread;
            StackTraceElement[] stack = thread.getStackTrace();
            if ((long) Watch.CALLS.getOpaque(watch) == calls) { // still in that call, which the stack shows
                watch.reportedCalls = calls;
                report(thread, stack, now - watch.seenSince);
            }
        }
    }

    private void report(Thread thread, StackTraceElement[] stackTrace, long blockedNanos) {
        counters.failed(Failure.BLOCKED_THREAD);
        Throwable stack = new Throwable("the stack of " + thread.getName());
        stack.setStackTrace(stackTrace);
        logger.log(WARNING, "endpoint " + endpoint + ": " + thread.getName() + " has been in the service " + service
                + " for " + TimeUnit.NANOSECONDS.toMillis(blockedNanos) + " ms (blocked-thread-warning = "
                + TimeUnit.NANOSECONDS.toMillis(warnAfter) + " ms), holding up every request of that thread;"
                + " a service that blocks must declare isBlocking() to run on the worker threads", stack);
    }

    /**
     * One I/O thread's record of its service calls: odd while in a call. Written by that thread
     * only, read by the checker.
     */
    public static final class Watch {

        private static final VarHandle CALLS;

        static {
            try {
                CALLS = MethodHandles.lookup().findVarHandle(Watch.class, "calls", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private volatile Thread thread;
        @SuppressWarnings("unused") // through CALLS, with opaque stores that cost what plain ones do
        private long calls;
        // the checker's own
        private long seenCalls;
        private long seenSince;
        private long reportedCalls;

        private Watch() {}

        /**
         * A watch no checker looks at, for a thread allowed to block, such as a worker's, whose code
         * is shared with the watched threads.
         *
         * @return a new watch
         */
        public static Watch unwatched() {
            return new Watch();
        }

        /** Binds the watch to the calling thread, whose stack a report shows; call it when the thread starts. */
        public void bind() {
            thread = Thread.currentThread();
        }

        /** The bound thread is about to call the service. */
        public void enter() {
            CALLS.setOpaque(this, (long) CALLS.getOpaque(this) + 1);
        }

        /** The bound thread's service call returned or threw. */
        public void exit() {
            CALLS.setOpaque(this, (long) CALLS.getOpaque(this) + 1);
        }
    }
}
