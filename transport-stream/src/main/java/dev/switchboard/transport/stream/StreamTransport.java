package dev.switchboard.transport.stream;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.TransportContext;
import dev.switchboard.transport.AbstractTransport;
import dev.switchboard.transport.BlockedThreads;
import dev.switchboard.transport.Closeables;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.Deadline;
import dev.switchboard.transport.SwitchableService;
import dev.switchboard.transport.Threads;
import dev.switchboard.transport.WorkerPool;
import java.io.IOException;
import dev.switchboard.transport.stream.io.Listener;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A connection-oriented transport over any {@link java.nio.channels.SocketChannel} family: a
 * listening channel that its {@link StreamBinding} opens and binds (or, for TCP on JDK 22 and later,
 * the accelerated path of {@code dev.switchboard.transport.stream.epoll}: {@link StreamBinding#tcp()}),
 * one acceptor thread handing each
 * connection to one of {@code threads} selector loops, framing by the endpoint's
 * {@link dev.switchboard.api.FrameCodec}, and a bounded worker pool for a blocking service, whose
 * replies still leave in request order on each connection.
 *
 * <p>Every buffer, queue and wait is bounded: {@code max-message-bytes} (a frame the codec refuses
 * closes its connection), {@code max-reply-bytes}, {@code max-connections} and the per-source limits
 * with the {@code allow} and {@code deny} lists ({@link SourceLimits}), the write watermarks
 * (reading from a client pauses while too many of its replies are unsent), {@code idle-timeout},
 * {@code frame-timeout} and {@code worker-queue}; each refusal is counted and logged, rate-limited.
 *
 * <p>{@link #stop} accepts what the kernel has queued on the listening channel and then closes it
 * (closing it first would reset those connections), lets every loop read what its connections have
 * already sent, answer the requests it has received and send their replies, shuts each connection's
 * output and waits for its client to close, and cuts whatever is left when the grace period ends. It returns within the grace and a
 * second or two more even when a service blocks a loop: such a loop's connections are closed from
 * the stopping thread and the loop's thread is interrupted, and left behind if it does not end.
 *
 * <p>{@link #takeOver} starts a transport with new settings on a serving one's listening channel
 * (same backlog, and a binding that {@linkplain StreamBinding#takeOverFrom takes it over}): its acceptor takes every connection from then on, and the
 * retired one's loops serve the connections they have, under the settings they were accepted with,
 * until it is stopped; its stop then leaves the listening channel to its successor.
 *
 * <p>A service call that holds a loop longer than {@code blocked-thread-warning} is logged with the
 * loop thread's stack and counted ({@link BlockedThreads}).
 *
 * <pre>{@code
 * public Transport create(TransportContext context) {
 *     return new StreamTransport(context, StreamSettings.from(context), new MyBinding(context.settings()));
 * }
 * }</pre>
 */
public final class StreamTransport extends AbstractTransport {

    /** How long past the grace period a loop may take to close what is left before it is given up on. */
    private static final long LOOP_EXIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long a loop given up on may take to end once interrupted before it is left behind. */
    private static final long INTERRUPTED_EXIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** How long a service switch waits for the threads to leave the previous service. */

    private final StreamSettings settings;
    private final Counters.Shard stopCounters = counters().newSharedShard();
    private final StreamBinding binding;

    private volatile List<SelectorLoop> loops = List.of();
    /** How the listener and the loops move bytes; a successor on the same listener takes the same path. */
    private IoPath path;
    private Listener server;
    private SocketAddress bound;
    private Acceptor accepting;
    private Thread acceptor;
    private List<Thread> loopThreads;
    private WorkerPool workers;
    private BlockedThreads blockedThreads;
    /** What the loops and workers call while serving; null before the start and from the stop on. */
    private SwitchableService switchable;

    /**
     * Finds the accelerated path and links its native calls, if not done yet: the work the first
     * TCP endpoint's start would otherwise do before it could listen. For a provider's
     * {@link dev.switchboard.api.TransportProvider#prepare()}; thread-safe.
     */
    public static void prepareIo() {
        IoPath.prepare();
    }

    /**
     * Creates an unstarted transport; nothing is bound until {@link #start}.
     *
     * @param context the endpoint's name, logger and settings
     * @param settings the stream settings, already validated
     * @param binding opens and binds the listening channel, and sets up each connection
     */
    public StreamTransport(TransportContext context, StreamSettings settings, StreamBinding binding) {
        super(context, settings.endpoint().logInterval());
        this.settings = settings;
        this.binding = binding;
    }

    @Override
    protected SocketAddress serve(MessageService initial) throws IOException {
        IoPath chosen = IoPath.choose(settings, binding);
        return serveOn(chosen, chosen.listen(binding, settings.backlog()), initial, null);
    }

    /**
     * Serves on the predecessor's listening channel: this transport's loops, acceptor and settings
     * take every connection from now on; the predecessor's acceptor ends without closing the channel
     * and its loops serve the connections they have until it stops.
     *
     * @throws UnsupportedOperationException if the listening channel is not one this transport would
     *     have bound: another {@code backlog}, a binding that refuses it ({@link StreamBinding#takeOverFrom}),
     *     or another I/O path ({@code io})
     */
    @Override
    protected SocketAddress serveInstead(AbstractTransport from, MessageService initial) throws IOException {
        StreamTransport predecessor = (StreamTransport) from;
        if (settings.backlog() != predecessor.settings.backlog() || !binding.takeOverFrom(predecessor.binding)
                || IoPath.choose(settings, binding).accelerated() != predecessor.path.accelerated()) {
            throw new UnsupportedOperationException("its listening socket would be bound otherwise: another backlog,"
                    + " a binding of another class (a replaced plugin's), address or bind-time option such as reuse-port,"
                    + " or another io");
        }
        return serveOn(predecessor.path, predecessor.server, initial, predecessor);
    }

    /**
     * Sets up the loops and the acceptor on {@code listening} and starts them. If that fails, what
     * was set up is closed, and so is {@code listening} unless it is the predecessor's.
     *
     * @param chosen the path of {@code listening}, which the loops take too
     * @param predecessor whose channel {@code listening} is, which hands it over once this one accepts; null on a start
     */
    private SocketAddress serveOn(IoPath chosen, Listener listening, MessageService initial, StreamTransport predecessor)
            throws IOException {
        String name = context().endpoint();
        SwitchableService service = new SwitchableService(initial);
        WorkerPool blocking = null;
        BlockedThreads watched = new BlockedThreads(name, service, settings.endpoint().blockedThreadWarning(),
                context().logger(), counters().newShard());
        List<SelectorLoop> created = new ArrayList<>();
        Acceptor accepted = null;
        SocketAddress address = null;
        try {
            address = listening.localAddress();
            if (service.isBlocking()) {
                blocking = new WorkerPool(Threads.prefix(name, "worker"), settings.endpoint().workerThreads(),
                        settings.endpoint().workerQueue());
            }
            Endpoint endpoint = new Endpoint(served(service), settings, binding, blocking, new OpenConnections(),
                    context().memoryBudget());
            for (int i = 0; i < settings.endpoint().threads(); i++) {
                created.add(new SelectorLoop(endpoint, chosen, counters().newShard(), watched.watch()));
            }
            accepted = new Acceptor(listening, List.copyOf(created), endpoint, counters().newShard());
            acceptor = Threads.factory(Threads.prefix(name, "acceptor")).newThread(accepted);
        } catch (IOException | RuntimeException | OutOfMemoryError e) { // the loops' direct buffers may not fit
            for (SelectorLoop loop : created) {
                loop.closeUnstarted();
            }
            if (predecessor == null) {
                Closeables.closeQuietly(listening);
                unbind(address);
            }
            if (blocking != null) {
                blocking.stop(Duration.ZERO);
            }
            throw e;
        }
        path = chosen;
        server = listening;
        accepting = accepted;
        bound = address;
        workers = blocking;
        blockedThreads = watched;
        switchable = service;
        loops = List.copyOf(created);
        loopThreads = Threads.start(Threads.prefix(name, "loop"), loops);
        acceptor.start();
        watched.start();
        context().logger().log(INFO, chosen.why());
        if (predecessor != null) {
            predecessor.handOverListener();
        }
        return address;
    }

    /**
     * Ends the acceptor without closing the listening channel, which a successor's acceptor accepts
     * on already: until this one's ends, either may take a connection, so none waits unaccepted.
     */
    private void handOverListener() {
        accepting.handOver();
        if (!Threads.awaitEnd(acceptor, System.nanoTime() + LOOP_EXIT_NANOS)) {
            context().logger().log(WARNING, acceptor.getName() + " has not ended after handing its listening socket"
                    + " over; it ends before it accepts again");
        }
    }

    @Override
    protected void shutDown(Deadline deadline) {
        switchable = null;
        if (!retired()) { // a retired transport's acceptor has ended, and its listener is its successor's
            accepting.drain(deadline.nanos());
            Threads.awaitEnd(acceptor, deadline.nanos() + LOOP_EXIT_NANOS);
            try {
                server.close(); // the acceptor closed it, unless it died or overran the grace
            } catch (IOException e) {
                context().logger().log(WARNING, "could not close the listening socket", e);
            }
            unbind(bound);
        }
        for (SelectorLoop loop : loops) {
            loop.stop(deadline.nanos());
        }
        // A loop ends at the deadline at the latest, closing what is left; one still running then is
        // stuck in a service that blocks although it does not say so.
        for (int i = 0; i < loops.size(); i++) {
            if (!Threads.awaitEnd(loopThreads.get(i), deadline.nanos() + LOOP_EXIT_NANOS)) {
                abandon(loops.get(i), loopThreads.get(i), deadline);
            }
        }
        if (workers != null) {
            workers.stop(deadline.remaining());
        }
        blockedThreads.close();
    }

    /**
     * Switches the loops and the workers to {@code service}: each request from the switch on goes to
     * it. Returns once every loop has run a task posted after the switch (a loop runs its tasks between
     * requests, so none is in the previous service then) and, for a blocking service, once the calls
     * the workers had begun have ended.
     */
    @Override
    public synchronized void switchService(MessageService service) {
        SwitchableService serving = switchable;
        if (serving == null) {
            throw new IllegalStateException("endpoint " + context().endpoint() + " is not serving");
        }
        serving.switchTo(service, context().endpoint(), loops.size(),
                passed -> loops.forEach(loop -> loop.execute(passed::countDown)));
    }

    private void abandon(SelectorLoop loop, Thread thread, Deadline deadline) {
        int cut = loop.abandon(stopCounters);
        thread.interrupt();
        boolean ended = Threads.awaitEnd(thread, System.nanoTime() + INTERRUPTED_EXIT_NANOS);
        context().logger().log(WARNING, thread.getName() + " was still in the service when the shutdown grace of "
                + deadline.grace().toMillis() + " ms ran out; closed its " + cut + " connection" + (cut == 1 ? "" : "s")
                + " and interrupted it" + (ended ? ", and it ended" : ", but it goes on: left behind"));
    }

    private void unbind(SocketAddress address) {
        if (address == null) {
            return;
        }
        try {
            binding.unbind(address);
        } catch (IOException | RuntimeException e) {
            context().logger().log(WARNING, "could not clean up after " + address, e);
        }
    }

    @Override
    protected SocketAddress configuredAddress() {
        return binding.address();
    }

    /** @return such as {@code " line, 2 loops"} */
    @Override
    protected String details(boolean started) {
        int threads = settings.endpoint().threads();
        return " " + settings.framing() + ", " + threads + (threads == 1 ? " loop" : " loops");
    }

    /**
     * The bytes held in per-connection buffers across all loops (partial requests, unsent replies,
     * requests waiting for a worker): what misbehaving clients can make the endpoint hold, which the
     * watermarks and {@code max-message-bytes} bound. Safe from any thread.
     *
     * @return a sum in bytes; 0 before the start
     */
    public long bufferedBytes() {
        return loops.stream().mapToLong(SelectorLoop::bufferedBytes).sum();
    }
}
