package dev.switchboard.transport.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the kernel does to connections in a listener's accept queue when the listener closes while
 * another listener shares its port through {@code SO_REUSEPORT}, measured for two orders of stopping:
 * closing at once, and accepting until the queue is empty and then closing (what the stream
 * transport's stop does). Each client waits for one byte that whichever listener accepts it writes;
 * a connection reset, or ended without the byte, is lost. Two loads: a burst of connections queued
 * while the old listener's acceptor is behind, then the stop; and clients connecting in a loop
 * while the old listener stops, so that handshakes are in flight when it closes. Not a unit
 * test: run it by hand on the machine whose numbers docs/DECISIONS.md gives, from the repository's
 * root:
 *
 * <pre>
 * java transport-tcp/src/test/java/dev/switchboard/transport/tcp/ListenerDrainMeasurement.java [rounds]
 * </pre>
 *
 * It prints the kernel's {@code net.ipv4.tcp_migrate_req} and, for each order, the connections
 * served and lost over all rounds.
 */
public final class ListenerDrainMeasurement {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int CLIENTS = 4;
    private static final int BURST = 64;
    private static final long LOAD_BEFORE_STOP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private ListenerDrainMeasurement() {}

    /**
     * @param args the number of rounds per order, 20 if none
     * @throws Exception if a listener cannot be opened
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path migrate = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");
        System.out.println("net.ipv4.tcp_migrate_req = "
                + (Files.exists(migrate) ? Files.readString(migrate).strip() : "(absent)"));
        for (boolean burst : new boolean[] {true, false}) {
            for (boolean drainFirst : new boolean[] {false, true}) {
                long served = 0;
                long lost = 0;
                for (int round = 0; round < rounds; round++) {
                    long[] result = burst ? burst(drainFirst) : round(drainFirst);
                    served += result[0];
                    lost += result[1];
                }
                System.out.printf("%-11s %-32s %d rounds: %d connections served, %d lost%n",
                        burst ? "burst:" : "continuous:",
                        drainFirst ? "accept until empty, then close" : "close at once", rounds, served, lost);
            }
        }
    }

    /** @return connections served and lost when one of two listeners stops with connections queued */
    private static long[] burst(boolean drainFirst) throws Exception {
        ServerSocketChannel old = listener(0);
        int port = ((InetSocketAddress) old.getLocalAddress()).getPort();
        ServerSocketChannel successor = listener(port);
        Thread successorAcceptor = acceptor(successor, new AtomicBoolean(), false);
        List<SocketChannel> clients = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            clients.add(SocketChannel.open(new InetSocketAddress(LOOPBACK, port)));
        }
        if (drainFirst) {
            acceptor(old, new AtomicBoolean(true), true).join();
        } else {
            old.close();
        }
        int served = 0;
        for (SocketChannel client : clients) {
            try (client) {
                client.socket().setSoTimeout(5_000);
                if (client.socket().getInputStream().read() == 'x') {
                    served++;
                }
            } catch (IOException e) {
                // reset: lost
            }
        }
        successor.close();
        successorAcceptor.join();
        return new long[] {served, BURST - served};
    }

    /** @return connections served and lost while one of two listeners stops under load */
    private static long[] round(boolean drainFirst) throws Exception {
        ServerSocketChannel old = listener(0);
        int port = ((InetSocketAddress) old.getLocalAddress()).getPort();
        ServerSocketChannel successor = listener(port);
        AtomicBoolean oldStopping = new AtomicBoolean();
        AtomicBoolean loadOn = new AtomicBoolean(true);
        AtomicInteger served = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        Thread oldAcceptor = acceptor(old, oldStopping, drainFirst);
        Thread successorAcceptor = acceptor(successor, new AtomicBoolean(), false);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(started(() -> connectInALoop(port, loadOn, served, lost)));
        }
        TimeUnit.NANOSECONDS.sleep(LOAD_BEFORE_STOP_NANOS);
        oldStopping.set(true);
        if (!drainFirst) {
            old.close();
        }
        oldAcceptor.join();
        TimeUnit.NANOSECONDS.sleep(LOAD_BEFORE_STOP_NANOS);
        loadOn.set(false);
        for (Thread client : clients) {
            client.join();
        }
        successor.close();
        successorAcceptor.join();
        return new long[] {served.get(), lost.get()};
    }

    private static ServerSocketChannel listener(int port) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.INET);
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        channel.bind(new InetSocketAddress(LOOPBACK, port), 1024);
        channel.configureBlocking(false);
        return channel;
    }

    /** Accepts and answers each connection with one byte; once stopping, closes at once or after emptying the queue. */
    private static Thread acceptor(ServerSocketChannel listener, AtomicBoolean stopping, boolean drainFirst) {
        return started(() -> {
            try {
                while (true) {
                    SocketChannel accepted = listener.accept();
                    if (accepted != null) {
                        try (accepted) {
                            accepted.write(ByteBuffer.wrap(new byte[] {'x'}));
                        } catch (IOException e) {
                            // the client gave up
                        }
                    } else if (stopping.get() && drainFirst) {
                        listener.close();
                        return;
                    } else {
                        Thread.onSpinWait();
                    }
                }
            } catch (IOException e) {
                // closed: stopped
            }
        });
    }

    private static Thread started(Runnable task) {
        Thread thread = new Thread(task);
        thread.start();
        return thread;
    }

    private static void connectInALoop(int port, AtomicBoolean loadOn, AtomicInteger served, AtomicInteger lost) {
        while (loadOn.get()) {
            try (SocketChannel client = SocketChannel.open(new InetSocketAddress(LOOPBACK, port))) {
                client.socket().setSoTimeout(5_000);
                if (client.socket().getInputStream().read() == 'x') {
                    served.incrementAndGet();
                } else {
                    lost.incrementAndGet();
                }
            } catch (IOException e) {
                lost.incrementAndGet();
            }
        }
    }
}
