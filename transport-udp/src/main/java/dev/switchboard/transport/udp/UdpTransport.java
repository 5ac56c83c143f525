package dev.switchboard.transport.udp;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportStats;
import dev.switchboard.transport.AbstractTransport;
import dev.switchboard.transport.BlockedThreads;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.Deadline;
import dev.switchboard.transport.Refusal;
import dev.switchboard.transport.SourceRates;
import dev.switchboard.transport.SwitchableService;
import dev.switchboard.transport.Threads;
import dev.switchboard.transport.WorkerPool;
import dev.switchboard.transport.udp.batch.BatchDatagramSocket;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code udp} transport of one endpoint: a {@link SocketGroup} of sockets sharing the port, each
 * served by its own loop thread: a {@link BatchLoop} where the {@link IoPath} allows, else a
 * {@link ReceiveLoop}; blocking services run on a {@link WorkerPool}.
 *
 * <p>{@link #stop} stops receiving, lets the datagrams already received be answered and their
 * replies sent within the grace period, then closes the sockets. What the grace cuts is counted as
 * {@link Refusal#SHUTDOWN_TIMEOUT}; a loop held by a service past it is interrupted and left behind.
 *
 * <p>{@link #takeOver} starts a transport with new settings on a serving one's sockets (same
 * address, {@code threads}, {@code reuse-port} and kind of socket): its loops receive from then on,
 * and returns once the retired one's loops have answered what they held and left the sockets (a
 * second at most for a batched loop, which waits in its receive); a datagram queued in a socket's
 * buffer is received by one or the other.
 *
 * <p>A reply leaves from the socket its request arrived on. A socket bound to a wildcard address
 * cannot choose the source address of its replies (Java offers no {@code IP_PKTINFO}), so on a host
 * with several addresses the kernel picks it by route; where clients check it (a connected UDP
 * socket does), give each address an endpoint of its own.
 */
final class UdpTransport extends AbstractTransport {

    /** How long a loop may take, whatever the grace, to finish the datagram it is answering. */
    private static final long LOOP_EXIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long loops that leave their sockets may take: a batched loop's receive timeout, and a datagram's service. */
    private static final long LEAVE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How long a service switch waits for the threads to leave the previous service. */

    private final UdpSettings settings;
    private final Counters.Shard shutdownCounters = counters().newSharedShard();

    private volatile KernelDrops kernelDrops;
    private SocketGroup<?> sockets;
    private List<ServingLoop> loops;
    private List<Thread> loopThreads;
    private WorkerPool workers;
    private BlockedThreads blockedThreads;
    /** What the loops and workers call while serving; null before the start and from the stop on. */
    private SwitchableService switchable;

    /**
     * @param context the endpoint's name, logger and settings
     * @param settings the settings, already validated
     */
    UdpTransport(TransportContext context, UdpSettings settings) {
        super(context, settings.endpoint().logInterval());
        this.settings = settings;
    }

    @Override
    protected SocketAddress serve(MessageService initial) throws IOException {
        SwitchableService service = new SwitchableService(initial);
        IoPath path = IoPath.choose(settings, service);
        SocketGroup<?> group = path.batched() != null
                ? SocketGroup.bind(settings, context().logger(), path.batched()::open)
                : SocketGroup.bind(settings, context().logger(), DatagramChannel::open);
        return serveOn(group, service, path, null);
    }

    /**
     * Serves on the predecessor's sockets: this transport's loops, with its settings, receive every
     * datagram from now on, and the predecessor's loops leave the sockets once they have answered
     * the datagrams in hand (its workers answer those queued for them). The new buffer sizes are set
     * on the sockets.
     *
     * @throws UnsupportedOperationException if the change needs other sockets: another {@code threads}
     *     (one socket each), {@code reuse-port} or address, or another kind of socket ({@code io}, or a
     *     service that blocks where the predecessor's did not)
     */
    @Override
    protected SocketAddress serveInstead(AbstractTransport from, MessageService initial) throws IOException {
        UdpTransport predecessor = (UdpTransport) from;
        UdpSettings before = predecessor.settings;
        SwitchableService service = new SwitchableService(initial);
        IoPath path = IoPath.choose(settings, service);
        boolean batched = predecessor.sockets.channels().get(0) instanceof BatchDatagramSocket;
        String needsOtherSockets = !settings.bindAddress().equals(before.bindAddress()) ? "another address"
                : settings.endpoint().threads() != before.endpoint().threads() ? "another number of threads, one socket each"
                : settings.reusePort() != before.reusePort() ? "another reuse-port"
                : (path.batched() != null) != batched ? "another kind of socket: " + path.why()
                : null;
        if (needsOtherSockets != null) {
            throw new UnsupportedOperationException("its sockets cannot be taken over for " + needsOtherSockets);
        }
        return serveOn(predecessor.sockets, service, path, predecessor);
    }

    /**
     * Sets up the loops on {@code group} and starts them. If that fails, what was set up is closed,
     * and so is {@code group} unless it is the predecessor's.
     *
     * @param predecessor whose sockets {@code group} holds, which leaves them once this one receives; null on a start
     */
    private SocketAddress serveOn(SocketGroup<?> group, SwitchableService service, IoPath path,
            UdpTransport predecessor) throws IOException {
        String name = context().endpoint();
        List<ServingLoop> created = new ArrayList<>();
        WorkerPool blocking = null;
        BlockedThreads watched = new BlockedThreads(name, service, settings.endpoint().blockedThreadWarning(),
                context().logger(), counters().newShard());
        KernelDrops drops;
        try {
            Endpoint endpoint = new Endpoint(served(service), settings,
                    Admission.forLocalInterfaces(settings.maxReplyRatio()), sourceRates());
            drops = predecessor == null ? KernelDrops.of(group, log(), context().logger())
                    : null; // taken from the predecessor once nothing can fail
            ReceiveLoop.Offload offload = null;
            if (service.isBlocking()) {
                blocking = new WorkerPool(Threads.prefix(name, "worker"), settings.endpoint().workerThreads(),
                        settings.endpoint().workerQueue());
                Counters.Shard workerCounters = counters().newSharedShard();
                offload = new ReceiveLoop.Offload(blocking, ThreadLocal.withInitial(
                        () -> new Responder(endpoint, workerCounters, BlockedThreads.Watch.unwatched())));
            }
            for (NetworkChannel socket : group.channels()) {
                Runnable tick = created.isEmpty() ? () -> kernelDrops.dropped() : null;
                created.add(socket instanceof BatchDatagramSocket batched
                        ? new BatchLoop(endpoint, batched, counters().newShard(), watched.watch(), tick,
                                context().memoryBudget())
                        : new ReceiveLoop(endpoint, (DatagramChannel) socket, counters().newShard(), offload,
                                watched.watch(), tick));
            }
        } catch (IOException | RuntimeException e) {
            created.forEach(ServingLoop::close);
            if (predecessor == null) {
                group.close();
            }
            if (blocking != null) {
                blocking.stop(Duration.ZERO);
            }
            throw e;
        }
        if (predecessor != null) {
            resizeBuffers(group, predecessor.settings);
            drops = predecessor.kernelDrops.handOver();
        }
        sockets = group;
        workers = blocking;
        blockedThreads = watched;
        switchable = service;
        loops = List.copyOf(created);
        kernelDrops = drops;
        context().logger().log(INFO, path.why());
        loopThreads = Threads.start(Threads.prefix(name, "loop"), loops);
        watched.start();
        if (predecessor != null) {
            predecessor.leaveSockets();
        }
        return group.localAddress();
    }

    /**
     * Has the loops leave their sockets to a successor's loops, and waits until they have: they finish
     * the datagrams in hand (a batched loop notices at its next receive timeout, within a second), and
     * the workers go on with those queued for them.
     */
    private void leaveSockets() {
        loops.forEach(ServingLoop::leave);
        long deadline = System.nanoTime() + LEAVE_NANOS;
        for (Thread thread : loopThreads) {
            if (!Threads.awaitEnd(thread, deadline)) {
                context().logger().log(WARNING, thread.getName() + " has not left its socket to the transport that took"
                        + " it over: it is still in the service, and ends once out of it");
            }
        }
    }

    /** Sets changed buffer sizes on sockets taken over; one the kernel refuses is logged, and the rest serves on. */
    private void resizeBuffers(SocketGroup<?> group, UdpSettings before) {
        for (NetworkChannel socket : group.channels()) {
            try {
                if (settings.receiveBufferBytes() != before.receiveBufferBytes()) {
                    socket.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBufferBytes());
                }
                if (settings.sendBufferBytes() != before.sendBufferBytes()) {
                    socket.setOption(StandardSocketOptions.SO_SNDBUF, settings.sendBufferBytes());
                }
            } catch (IOException | RuntimeException e) {
                context().logger().log(WARNING, "could not set the new buffer sizes on a socket taken over: " + e);
            }
        }
    }

    private SourceRates sourceRates() {
        return settings.sourceRate() == null ? null
                : new SourceRates(settings.sourceRate(), Duration.ZERO, settings.sources().maxTrackedSources());
    }

    @Override
    protected void shutDown(Deadline deadline) {
        switchable = null;
        if (!retired()) { // a retired transport's loops are leaving already, and its sockets are its successor's
            loops.forEach(ServingLoop::stop);
        }
        // A loop only has to finish the datagram in hand, which a non-blocking service answers at
        // once; one that has not ended by now is stuck in a service that blocks although it says not.
        long loopDeadline = Math.max(deadline.nanos(), System.nanoTime() + LOOP_EXIT_NANOS);
        int cut = 0;
        for (Thread thread : loopThreads) {
            if (!Threads.awaitEnd(thread, loopDeadline)) {
                cut++;
                thread.interrupt();
                context().logger().log(WARNING, thread.getName() + " is still in the service, which does not declare"
                        + " isBlocking(); interrupted it and left it behind");
            }
        }
        if (workers != null) {
            cut += workers.stop(deadline.remaining());
        }
        if (cut > 0) {
            int count = cut;
            for (int i = 0; i < count; i++) {
                shutdownCounters.refused(Refusal.SHUTDOWN_TIMEOUT);
                context().observer().refused(Refusal.SHUTDOWN_TIMEOUT.reason());
            }
            log().log(WARNING, Refusal.SHUTDOWN_TIMEOUT, () -> "datagrams left unanswered at the end of the shutdown"
                    + " grace of " + deadline.grace().toMillis() + " ms: " + count);
        }
        blockedThreads.close();
        kernelDrops.close();
        loops.forEach(ServingLoop::close);
        if (!retired()) {
            sockets.close();
        }
    }

    /**
     * Switches the loops and the workers to {@code service}: each datagram from the switch on goes to
     * it. Returns once every loop has begun a new pass after the switch (a loop is between datagrams
     * then) and, for a blocking service, once the calls the workers had begun have ended.
     */
    @Override
    public synchronized void switchService(MessageService service) {
        SwitchableService serving = switchable;
        if (serving == null) {
            throw new IllegalStateException("endpoint " + context().endpoint() + " is not serving");
        }
        serving.switchTo(service, context().endpoint(), loops.size(),
                passed -> loops.forEach(loop -> loop.afterPass(passed)));
    }

    /**
     * The counters, with the datagrams the kernel dropped because a receive buffer was full under
     * {@code "kernel-receive-buffer"} where the platform tells (Linux).
     */
    @Override
    public TransportStats stats() {
        TransportStats stats = super.stats();
        KernelDrops drops = kernelDrops;
        long dropped = drops == null ? 0 : drops.dropped();
        if (dropped == 0) {
            return stats;
        }
        Map<String, Long> refusals = new LinkedHashMap<>(stats.refusals());
        refusals.put(Refusal.KERNEL_RECEIVE_BUFFER.reason(), dropped);
        return new TransportStats(stats.connectionsOpen(), stats.connectionsAccepted(), stats.requests(),
                stats.replies(), stats.bytesIn(), stats.bytesOut(), refusals, stats.errors());
    }

    @Override
    protected SocketAddress configuredAddress() {
        return settings.bindAddress();
    }

    /** @return such as {@code ""} or {@code ", 4 sockets"} */
    @Override
    protected String details(boolean started) {
        int count = started ? loops.size() : settings.endpoint().threads();
        return count > 1 ? ", " + count + " sockets" : "";
    }
}
