package dev.switchboard.transport;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The service a transport's threads call, which {@link #switchTo} replaces while they serve
 * ({@link dev.switchboard.api.Transport#switchService}). A call reads the current service from one
 * volatile field and allocates nothing.
 *
 * <p>When the previous service is free again depends on who calls it. The I/O threads of a
 * non-blocking service: once each has passed a point between two requests, which the transport
 * arranges (a task on each event loop, a pass of each receive loop). The worker threads of a blocking
 * service: each call is counted against the service it began on ({@link #awaitReplacedCalls}), which
 * costs two atomic updates beside a call that already waited in a queue.
 */
public final class SwitchableService implements MessageService {

    /** How long a switch waits for the threads still in the previous service. */
    private static final long SWITCH_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** A service and, for a blocking one, how many calls are in it. */
    private static final class Current {
        final MessageService service;
        final AtomicInteger calls = new AtomicInteger();

        Current(MessageService service) {
            this.service = Objects.requireNonNull(service, "service");
        }
    }

    private final boolean blocking;
    private volatile Current current;
    /** The service the last switch replaced, until its calls have ended; the switching thread's own. */
    private Current replaced;

    /** @param initial the service the transport starts with */
    public SwitchableService(MessageService initial) {
        this.current = new Current(initial);
        this.blocking = initial.isBlocking();
    }

    @Override
    public void handle(ByteBuffer request, RequestContext context, Reply reply) throws Exception {
        if (!blocking) {
            current.service.handle(request, context, reply);
            return;
        }
        Current entered = enter();
        try {
            entered.service.handle(request, context, reply);
        } finally {
            entered.calls.decrementAndGet();
        }
    }

    /** Counts the call in the current service, as of after the count: a switch in between is seen. */
    private Current enter() {
        while (true) {
            Current seen = current;
            seen.calls.incrementAndGet();
            if (current == seen) {
                return seen;
            }
            seen.calls.decrementAndGet();
        }
    }

    /**
     * Makes {@code next} the service of every call from now on, and returns once no thread of the
     * endpoint is in the previous one: the calls the workers had begun have ended, and each of the
     * endpoint's loops has passed a point between two requests. Called by one thread at a time.
     *
     * @param next the new service
     * @param endpoint the endpoint's name, for the message of a failure
     * @param loops how many loops serve the endpoint
     * @param afterPass has each loop count the latch down once it is between two requests
     * @throws IllegalArgumentException if one of the two blocks and the other does not: a blocking
     *     service runs on worker threads the transport starts only for one; nothing changed
     * @throws IllegalStateException if a thread is still in the previous service ten seconds on
     */
    public void switchTo(MessageService next, String endpoint, int loops, Consumer<CountDownLatch> afterPass) {
        switchTo(next);
        long deadline = System.nanoTime() + SWITCH_NANOS;
        if (!(awaitReplacedCalls(deadline) && everyLoopPassed(loops, afterPass, deadline))) {
            throw new IllegalStateException("endpoint " + endpoint + ": a thread is still in the previous service "
                    + TimeUnit.NANOSECONDS.toSeconds(SWITCH_NANOS) + " s after the switch");
        }
    }

    private static boolean everyLoopPassed(int loops, Consumer<CountDownLatch> afterPass, long deadline) {
        CountDownLatch passed = new CountDownLatch(loops);
        afterPass.accept(passed);
        try {
            return passed.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private MessageService switchTo(MessageService next) {
        if (next.isBlocking() != blocking) {
            throw new IllegalArgumentException("the new services " + (next.isBlocking() ? "block" : "do not block")
                    + " and the current ones " + (blocking ? "do" : "do not") + ": the endpoint's threads differ;"
                    + " a restart applies this change");
        }
        Current previous = current;
        replaced = previous;
        current = new Current(next);
        return previous.service;
    }

    /**
     * For a blocking service: waits until no call is in the service the last {@link #switchTo}
     * replaced. Called by the thread that switched.
     *
     * @param deadline in {@link System#nanoTime()} terms
     * @return whether no call is in it; {@code true} at once for a non-blocking service, whose calls
     *     the transport accounts for itself
     */
    private boolean awaitReplacedCalls(long deadline) {
        Current previous = replaced;
        replaced = null; // held no longer than this: a replaced service may be a plugin's, whose layer is to be let go
        if (!blocking || previous == null) {
            return true;
        }
        while (previous.calls.get() > 0) {
            if (deadline - System.nanoTime() <= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    @Override
    public boolean isBlocking() {
        return blocking;
    }

    /** Closes the current service. */
    @Override
    public void close() {
        current.service.close();
    }

    /** @return the current service's own description, which the blocked-thread log names */
    @Override
    public String toString() {
        return current.service.toString();
    }
}
