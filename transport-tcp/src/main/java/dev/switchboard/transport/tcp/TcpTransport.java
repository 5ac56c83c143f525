package dev.switchboard.transport.tcp;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.MessageService;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportStats;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.Deadline;
import dev.switchboard.transport.RateLimitedLog;
import dev.switchboard.transport.Threads;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code tcp} transport of one endpoint: a listening socket served by an {@link Acceptor}
 * thread, which hands each connection to one of {@code threads} {@link EventLoop}s; blocking
 * services run on {@link Workers}.
 *
 * <p>{@link #stop} closes the listening socket, lets every loop answer the requests it has
 * received and send their replies, shuts each connection's output and waits for its client to
 * close, and cuts whatever is left when the grace period ends.
 */
final class TcpTransport implements Transport {

    private enum Phase { NEW, STARTED, STOPPED }

    private final TransportContext context;
    private final TcpSettings settings;
    private final RateLimitedLog log;
    private final Counters counters = new Counters();

    private Phase phase = Phase.NEW;
    private volatile InetSocketAddress localAddress;
    private volatile List<EventLoop> loops = List.of();
    private ServerSocketChannel server;
    private Thread acceptor;
    private List<Thread> loopThreads;
    private Workers workers;

    /**
     * @param context the endpoint's name, logger and settings
     * @param settings the settings, already validated
     */
    TcpTransport(TransportContext context, TcpSettings settings) {
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
        FrameCodec decoder = settings.framing().decoder(settings.endpoint().maxMessageBytes());
        ServerSocketChannel bound = bind();
        Workers blocking = service.isBlocking()
                ? new Workers(Threads.prefix(context.endpoint(), "worker"), settings, service, decoder)
                : null;
        Endpoint endpoint = new Endpoint(context.endpoint(), context.transport(), settings, decoder, service,
                blocking, context.logger(), log, new AtomicInteger());
        List<EventLoop> created = new ArrayList<>();
        try {
            for (int i = 0; i < settings.endpoint().threads(); i++) {
                created.add(new EventLoop(endpoint, counters.newShard()));
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) { // the loops' direct buffers may not fit
            for (EventLoop loop : created) {
                loop.closeUnstarted();
            }
            bound.close();
            if (blocking != null) {
                blocking.stop(Duration.ZERO);
            }
            throw e;
        }
        server = bound;
        workers = blocking;
        loops = List.copyOf(created);
        localAddress = (InetSocketAddress) bound.getLocalAddress();
        loopThreads = new ArrayList<>();
        var loopThreadFactory = Threads.factory(Threads.prefix(context.endpoint(), "loop"));
        for (EventLoop loop : loops) {
            Thread thread = loopThreadFactory.newThread(loop);
            loopThreads.add(thread);
            thread.start();
        }
        acceptor = Threads.factory(Threads.prefix(context.endpoint(), "acceptor"))
                .newThread(new Acceptor(bound, loops, endpoint, counters.newShard()));
        acceptor.start();
        phase = Phase.STARTED;
    }

    private ServerSocketChannel bind() throws IOException {
        InetSocketAddress address = settings.endpoint().bindAddress();
        // Without a family the JDK opens an IPv6 socket, and binding it to 0.0.0.0 would serve IPv6 too.
        ServerSocketChannel channel = ServerSocketChannel.open(settings.endpoint().protocolFamily());
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, settings.backlog());
            return channel;
        } catch (BindException e) {
            channel.close();
            BindException named = new BindException(Addresses.format(address) + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
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
        try {
            server.close();
        } catch (IOException e) {
            context.logger().log(System.Logger.Level.WARNING, "could not close the listening socket", e);
        }
        Threads.awaitEnd(acceptor);
        for (EventLoop loop : loops) {
            loop.stop(deadline.nanos());
        }
        loopThreads.forEach(Threads::awaitEnd);
        if (workers != null) {
            workers.stop(deadline.remaining());
        }
    }

    @Override
    public TransportStats stats() {
        return counters.snapshot();
    }

    /** @return such as {@code "0.0.0.0:12000 raw, 2 loops"}; the configured address until started */
    @Override
    public String description() {
        InetSocketAddress address = localAddress;
        int threads = settings.endpoint().threads();
        return Addresses.format(address == null ? settings.endpoint().bindAddress() : address)
                + " " + settings.framing() + ", " + threads + (threads == 1 ? " loop" : " loops");
    }

    /** @return the bytes held in per-connection buffers across all loops: what a misbehaving client can make us hold */
    long bufferedBytes() {
        return loops.stream().mapToLong(EventLoop::bufferedBytes).sum();
    }
}
