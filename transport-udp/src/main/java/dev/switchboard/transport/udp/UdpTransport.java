package dev.switchboard.transport.udp;

import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportStats;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.Deadline;
import dev.switchboard.transport.RateLimitedLog;
import dev.switchboard.transport.Refusal;
import dev.switchboard.transport.SourceRates;
import dev.switchboard.transport.Threads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The {@code udp} transport of one endpoint: a {@link SocketGroup} of sockets sharing the port, each
 * served by its own {@link ReceiveLoop} thread; blocking services run on {@link Workers}.
 *
 * <p>{@link #stop} stops receiving, lets the datagrams already received be answered and their
 * replies sent within the grace period, then closes the sockets. What the grace cuts is counted as
 * {@link Refusal#SHUTDOWN_TIMEOUT}.
 *
 * <p>A reply leaves from the socket its request arrived on. A socket bound to a wildcard address
 * cannot choose the source address of its replies (Java offers no {@code IP_PKTINFO}), so on a host
 * with several addresses the kernel picks it by route; where clients check it (a connected UDP
 * socket does), give each address an endpoint of its own.
 */
final class UdpTransport implements Transport {

    /** How long a loop may take, whatever the grace, to finish the datagram it is answering. */
    private static final long LOOP_EXIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private enum Phase { NEW, STARTED, STOPPED }

    private final TransportContext context;
    private final UdpSettings settings;
    private final RateLimitedLog log;
    private final Counters counters = new Counters();
    private final Counters.Shard shutdownCounters = counters.newSharedShard();

    private Phase phase = Phase.NEW;
    private volatile InetSocketAddress localAddress;
    private volatile KernelDrops kernelDrops;
    private SocketGroup sockets;
    private List<ReceiveLoop> loops;
    private List<Thread> loopThreads;
    private Workers workers;

    /**
     * @param context the endpoint's name, logger and settings
     * @param settings the settings, already validated
     */
    UdpTransport(TransportContext context, UdpSettings settings) {
        this.context = context;
        this.settings = settings;
        this.log = new RateLimitedLog(context.logger(), settings.endpoint().logInterval());
    }

    @Override
    public synchronized void start(MessageService service) throws IOException {
        Objects.requireNonNull(service, "service");
        if (phase != Phase.NEW) {
            throw new IllegalStateException("endpoint " + context.endpoint() + ": the transport was already started");
        }
        SocketGroup group = SocketGroup.bind(settings, context.logger());
        List<ReceiveLoop> created = new ArrayList<>();
        Workers blocking = null;
        KernelDrops drops;
        try {
            Endpoint endpoint = new Endpoint(context.endpoint(), context.transport(), settings, service,
                    Admission.forLocalInterfaces(settings.maxReplyRatio()), sourceRates(), context.logger(), log);
            drops = KernelDrops.of(group.localAddress().getPort(), log, context.logger());
            if (service.isBlocking()) {
                blocking = new Workers(Threads.prefix(context.endpoint(), "worker"), endpoint, counters.newSharedShard());
            }
            for (DatagramChannel channel : group.channels()) {
                Runnable tick = created.isEmpty() ? drops::dropped : null;
                created.add(new ReceiveLoop(endpoint, channel, counters.newShard(), blocking, tick));
            }
        } catch (IOException | RuntimeException e) {
            created.forEach(ReceiveLoop::close);
            group.close();
            if (blocking != null) {
                blocking.stop(Duration.ZERO);
            }
            throw e;
        }
        sockets = group;
        workers = blocking;
        loops = List.copyOf(created);
        kernelDrops = drops;
        localAddress = group.localAddress();
        loopThreads = new ArrayList<>();
        ThreadFactory threads = Threads.factory(Threads.prefix(context.endpoint(), "loop"));
        for (ReceiveLoop loop : loops) {
            Thread thread = threads.newThread(loop);
            loopThreads.add(thread);
            thread.start();
        }
        phase = Phase.STARTED;
    }

    private SourceRates sourceRates() {
        return settings.sourceRate() == null ? null
                : new SourceRates(settings.sourceRate(), Duration.ZERO, settings.sources().maxTrackedSources());
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public synchronized void stop(Duration grace) {
        if (phase != Phase.STARTED) {
            return;
        }
        phase = Phase.STOPPED;
        Deadline deadline = Deadline.after(grace);
        loops.forEach(ReceiveLoop::stop);
        // A loop only has to finish the datagram in hand, which a non-blocking service answers at
        // once; one that has not ended by now is stuck in a service that blocks although it says not.
        long loopDeadline = Math.max(deadline.nanos(), System.nanoTime() + LOOP_EXIT_NANOS);
        int cut = 0;
        for (Thread thread : loopThreads) {
            if (!Threads.awaitEnd(thread, loopDeadline)) {
                cut++;
                context.logger().log(WARNING, thread.getName() + " is still in the service, which does not declare"
                        + " isBlocking(); abandoning it");
            }
        }
        if (workers != null) {
            cut += workers.stop(deadline.remaining());
        }
        if (cut > 0) {
            int count = cut;
            for (int i = 0; i < count; i++) {
                shutdownCounters.refused(Refusal.SHUTDOWN_TIMEOUT);
            }
            log.log(WARNING, Refusal.SHUTDOWN_TIMEOUT, () -> "datagrams left unanswered at the end of the shutdown"
                    + " grace of " + deadline.grace().toMillis() + " ms: " + count);
        }
        kernelDrops.close();
        loops.forEach(ReceiveLoop::close);
        sockets.close();
    }

    /**
     * The counters, with the datagrams the kernel dropped because a receive buffer was full under
     * {@code "kernel-receive-buffer"} where the platform tells (Linux).
     */
    @Override
    public TransportStats stats() {
        TransportStats stats = counters.snapshot();
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

    /** @return such as {@code "0.0.0.0:12000"} or {@code "0.0.0.0:12000, 4 sockets"}; the configured address until started */
    @Override
    public String description() {
        InetSocketAddress address = localAddress;
        String description = Addresses.format(address == null ? settings.bindAddress() : address);
        int sockets = address == null ? settings.endpoint().threads() : loops.size();
        return sockets > 1 ? description + ", " + sockets + " sockets" : description;
    }
}
