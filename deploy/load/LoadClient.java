import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Steady request load on the uppercase service over TCP and UDP, every reply checked, outcomes counted
 * per phase. Run from source (java deploy/load/LoadClient.java ...), so it needs a JDK and nothing else.
 *
 * <pre>
 * java LoadClient.java [--tcp HOST:PORT] [--udp HOST:PORT] [--rate N] [--workers N] [--timeout MS]
 * java LoadClient.java --probe HOST:PORT [--source ADDRESS] [--timeout MS]
 * </pre>
 *
 * Each line read from standard input, "phase NAME", starts a phase: requests begun from then on are
 * counted under NAME (the first phase is "start"). End of input stops the load; the client then prints
 * a table and one line per protocol and phase that scripts read:
 * {@code result PROTOCOL PHASE SENT OK FAILED WRONG}.
 *
 * A TCP request is one connection, as the exercise's client makes: connect, send a sentence, read
 * until the reply is as long as the sentence, close. Failed: refused, reset, closed early or no reply
 * within the timeout. Wrong: a reply that is not the sentence upper-cased. A UDP request is one
 * datagram from a socket of the worker's own; failed: no reply within the timeout (lost), an ICMP
 * port unreachable, or an empty datagram (what nginx sends back when its upstream did not answer). Rates are per protocol, spread over its workers.
 *
 * <p>{@code --probe} sends one TCP request, from the local address {@code --source} if given, prints
 * its outcome and exits 0 if it was answered right, 1 if not.
 */
public final class LoadClient {

    private static final String[] OUTCOMES = {"ok", "failed", "wrong"};

    private volatile String phase = "start";
    private volatile boolean running = true;
    private final List<String> phases = new CopyOnWriteArrayList<>(List.of("start"));
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> reasons = new ConcurrentSkipListMap<>();
    private final List<String> samples = new CopyOnWriteArrayList<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        LoadClient client = new LoadClient();
        int timeoutMillis = Integer.parseInt(options.getOrDefault("--timeout", "2000"));
        if (options.containsKey("--probe")) {
            InetSocketAddress source = new InetSocketAddress(options.getOrDefault("--source", "0.0.0.0"), 0);
            client.tcpRequest(address(options.get("--probe")), source, "hello from the probe", timeoutMillis);
            client.reasons.forEach((why, n) -> System.out.println(why));
            boolean answered = client.counts.containsKey("tcp start ok");
            System.out.println(answered ? "answered" : "not answered");
            System.exit(answered ? 0 : 1);
        }
        int rate = Integer.parseInt(options.getOrDefault("--rate", "200"));
        int workers = Integer.parseInt(options.getOrDefault("--workers", "8"));
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) * workers / rate;
        List<Thread> threads = new ArrayList<>();
        for (String protocol : List.of("tcp", "udp")) {
            String target = options.get("--" + protocol);
            if (target == null) {
                continue;
            }
            InetSocketAddress address = address(target);
            for (int w = 0; w < workers; w++) {
                int worker = w;
                Runnable loop = protocol.equals("tcp")
                        ? () -> client.tcpLoop(address, worker, intervalNanos, timeoutMillis)
                        : () -> client.udpLoop(address, worker, intervalNanos, timeoutMillis);
                Thread thread = new Thread(loop, protocol + "-" + w);
                thread.start();
                threads.add(thread);
            }
        }
        if (threads.isEmpty()) {
            System.err.println("usage: java LoadClient.java [--tcp HOST:PORT] [--udp HOST:PORT] [--rate N]"
                    + " [--workers N] [--timeout MS] < phases");
            System.exit(2);
        }
        client.readPhases(System.in);
        client.running = false;
        for (Thread thread : threads) {
            thread.join();
        }
        client.report();
    }

    private void readPhases(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 2 && words[0].equals("phase")) {
                if (!phases.contains(words[1])) {
                    phases.add(words[1]);
                }
                phase = words[1];
            }
        }
    }

    private void tcpLoop(InetSocketAddress address, int worker, long intervalNanos, int timeoutMillis) {
        InetSocketAddress anyLocal = new InetSocketAddress(0);
        long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(intervalNanos);
        for (long seq = 0; running; seq++) {
            next = pace(next, intervalNanos);
            tcpRequest(address, anyLocal, "hello from tcp worker " + worker + " request " + seq, timeoutMillis);
        }
    }

    private void tcpRequest(InetSocketAddress address, InetSocketAddress source, String sentence, int timeoutMillis) {
        String at = phase;
        try (Socket socket = new Socket()) {
            socket.bind(source);
            socket.connect(address, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            byte[] request = sentence.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            byte[] reply = readFully(socket.getInputStream(), request.length);
            if (reply == null) {
                count("tcp", at, "failed", "closed before the whole reply");
            } else if (!new String(reply, StandardCharsets.UTF_8).equals(sentence.toUpperCase(Locale.ROOT))) {
                count("tcp", at, "wrong", "a reply that is not the request upper-cased");
                sample("expected \"" + sentence.toUpperCase(Locale.ROOT) + "\", got \""
                        + new String(reply, StandardCharsets.UTF_8) + "\"");
            } else {
                count("tcp", at, "ok", null);
            }
        } catch (ConnectException e) {
            count("tcp", at, "failed", "connect refused");
        } catch (SocketTimeoutException e) {
            count("tcp", at, "failed", "timeout");
        } catch (IOException e) {
            count("tcp", at, "failed", "i/o error: " + e.getMessage());
        }
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] reply = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(reply, read, length - read);
            if (n < 0) {
                return null;
            }
            read += n;
        }
        return reply;
    }

    private void udpLoop(InetSocketAddress address, int worker, long intervalNanos, int timeoutMillis) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(0))) {
            socket.connect(address);
            byte[] buffer = new byte[2048];
            long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(intervalNanos);
            for (long seq = 0; running; seq++) {
                next = pace(next, intervalNanos);
                String at = phase;
                String sentence = "hello from udp worker " + worker + " request " + seq;
                String expected = sentence.toUpperCase(Locale.ROOT);
                try {
                    byte[] request = sentence.getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(request, request.length));
                    String wrong = awaitReply(socket, buffer, expected, timeoutMillis);
                    if (wrong == null) {
                        count("udp", at, "ok", null);
                    } else if (wrong.isEmpty()) {
                        // nginx's answer when the instance did not answer (refused, or its proxy_timeout)
                        count("udp", at, "failed", "udp: an empty datagram (the balancer got no reply)");
                    } else {
                        count("udp", at, "wrong", "udp: a reply that is not the request upper-cased");
                        sample("expected \"" + expected + "\", got \"" + wrong + "\"");
                    }
                } catch (SocketTimeoutException e) {
                    count("udp", at, "failed", "udp: no reply within the timeout (lost)");
                } catch (PortUnreachableException e) {
                    count("udp", at, "failed", "udp: port unreachable");
                } catch (IOException e) {
                    count("udp", at, "failed", "udp: i/o error: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a UDP socket", e);
        }
    }

    /**
     * Reads until the expected reply (null) or another (returned) comes, or the timeout; a late reply to an
     * earlier request of the same worker is skipped.
     */
    private static String awaitReply(DatagramSocket socket, byte[] buffer, String expected, int timeoutMillis)
            throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        String prefix = expected.substring(0, expected.lastIndexOf(' ') + 1);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new SocketTimeoutException();
            }
            socket.setSoTimeout((int) left);
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            String reply = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            if (reply.equals(expected)) {
                return null;
            }
            if (!reply.startsWith(prefix)) {
                return reply;
            }
        }
    }

    /** Waits for the worker's next slot; a worker that fell behind starts again from now, without a burst. */
    private static long pace(long next, long intervalNanos) {
        long now = System.nanoTime();
        if (next > now) {
            LockSupport.parkNanos(next - now);
            return next + intervalNanos;
        }
        return now + intervalNanos;
    }

    private void count(String protocol, String at, String outcome, String reason) {
        counts.computeIfAbsent(protocol + " " + at + " " + outcome, k -> new AtomicLong()).incrementAndGet();
        if (reason != null) {
            reasons.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Keeps the first few wrong replies, for the report. */
    private void sample(String wrongReply) {
        if (samples.size() < 5) {
            samples.add(wrongReply);
        }
    }

    private void report() {
        System.out.printf("%-5s %-20s %9s %9s %7s %6s%n", "proto", "phase", "sent", "ok", "failed", "wrong");
        List<String> lines = new ArrayList<>();
        for (String protocol : List.of("tcp", "udp")) {
            for (String at : phases) {
                long[] n = new long[OUTCOMES.length];
                for (int i = 0; i < n.length; i++) {
                    AtomicLong c = counts.get(protocol + " " + at + " " + OUTCOMES[i]);
                    n[i] = c == null ? 0 : c.get();
                }
                long sent = n[0] + n[1] + n[2];
                if (sent == 0 && !counts.keySet().stream().anyMatch(k -> k.startsWith(protocol + " "))) {
                    continue;
                }
                System.out.printf("%-5s %-20s %9d %9d %7d %6d%n", protocol, at, sent, n[0], n[1], n[2]);
                lines.add(String.format("result %s %s %d %d %d %d", protocol, at, sent, n[0], n[1], n[2]));
            }
        }
        if (!reasons.isEmpty()) {
            System.out.println("why requests failed or were wrong:");
            new TreeMap<>(reasons).forEach((why, n) -> System.out.printf("  %7d  %s%n", n.get(), why));
        }
        samples.forEach(wrong -> System.out.println("wrong reply: " + wrong));
        lines.forEach(System.out::println);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
