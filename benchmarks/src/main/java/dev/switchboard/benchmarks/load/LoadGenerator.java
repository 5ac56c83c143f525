package dev.switchboard.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Runs one {@link LoadSpec}: spreads its lanes over the client threads, runs them through warm-up
 * and the measured window, checks every reply byte for byte, and merges what the threads measured.
 *
 * <pre>{@code
 * java -jar switchboard-benchmarks.jar load --workload tcp-pingpong --port 12000 --connections 64
 * }</pre>
 */
public final class LoadGenerator {

    /** Idle workload: connections being set up at once, so as not to overflow the server's backlog. */
    private static final int IDLE_CONNECTS_IN_FLIGHT = 128;
    private static final long IDLE_SETUP_TIMEOUT_SECONDS = 300;
    /** The idle workload's warm-up: connections opened, asked once and closed before the memory before */
    private static final int REHEARSAL_CONNECTIONS = 200;
    /** Descriptors a server may open between two readings, other than the rehearsal's connections */
    private static final long DESCRIPTOR_SLACK = 16;
    private static final long JOIN_GRACE_MILLIS = 30_000;
    private static final double NANOS_PER_MICRO = 1000.0;

    private LoadGenerator() {}

    /**
     * Prints one JSON line and one human line for the run its arguments describe; exits with 1 if
     * the run fails (a wrong reply, a server that closes or does not answer).
     *
     * @param args the options in {@link LoadSpec#USAGE}
     */
    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.print("usage: load [options]\n" + LoadSpec.USAGE);
            return;
        }
        LoadSpec spec;
        try {
            spec = LoadSpec.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage() + "\n\n" + LoadSpec.USAGE);
            System.exit(2);
            return;
        }
        try {
            Result result = run(spec);
            System.out.println(result.toJson());
            System.out.println(result.toLine());
        } catch (LoadFailure e) {
            System.err.println("load: FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * @param spec the run
     * @return what it measured
     * @throws LoadFailure if a reply is wrong, or the server closes a connection or does not answer
     */
    public static Result run(LoadSpec spec) throws IOException, InterruptedException {
        boolean idle = spec.workload() == Workload.TCP_IDLE;
        if (idle && spec.serverPid() > 0) {
            rehearse(spec);
        }
        long baselineRss = idle && spec.serverPid() > 0 ? ServerMemory.settledRssKiB(spec.serverPid()) : -1;

        long start = System.nanoTime();
        long measureFrom = idle ? start : start + spec.warmup().toNanos();
        long measureUntil = idle ? Long.MAX_VALUE : measureFrom + spec.duration().toNanos();
        RunControl control = new RunControl(measureFrom, measureUntil);
        CountDownLatch held = idle ? new CountDownLatch(spec.connections()) : null;
        List<ClientLoop> loops = loops(spec, control, start, held);

        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < loops.size(); i++) {
            Thread thread = new Thread(loops.get(i), "load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long rss = -1;
        double seconds = spec.duration().toNanos() / 1e9;
        try {
            if (idle) {
                awaitHeld(held, control, spec);
                seconds = (System.nanoTime() - start) / 1e9;
                if (spec.serverPid() > 0 && control.failure() == null) {
                    rss = ServerMemory.settledRssKiB(spec.serverPid());
                }
            }
        } finally {
            if (idle) {
                control.stop(); // releases the connections, also when reading the server's memory failed
            }
            join(threads, control, idle ? 0 : TimeUnit.NANOSECONDS.toMillis(measureUntil - System.nanoTime()));
        }
        Throwable failure = control.failure();
        if (failure instanceof LoadFailure f) {
            throw f;
        } else if (failure != null) {
            throw new LoadFailure("the client failed: " + failure, failure);
        }
        return result(spec, loops, seconds, idle ? spec.connections() : 0, rss, baselineRss);
    }

    /**
     * Opens {@value #REHEARSAL_CONNECTIONS} connections, asks each once and closes them, unmeasured,
     * then waits until the server has closed its ends: the first connections a fresh server takes pay
     * for compiling and loading its accept and request paths, memory it keeps whatever it holds, as
     * every other workload's warm-up does. So few that a server's pools are not sized by them.
     */
    private static void rehearse(LoadSpec spec) throws IOException, InterruptedException {
        long before = openDescriptors(spec.serverPid());
        run(spec.withoutServerMemory().withShape(Math.min(REHEARSAL_CONNECTIONS, spec.connections()), spec.size(),
                spec.depth()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(IDLE_SETUP_TIMEOUT_SECONDS);
        while (openDescriptors(spec.serverPid()) > before + DESCRIPTOR_SLACK) {
            if (System.nanoTime() > deadline) {
                throw new LoadFailure("the server still held the rehearsal's connections "
                        + IDLE_SETUP_TIMEOUT_SECONDS + " s after they were closed");
            }
            Thread.sleep(100);
        }
    }

    private static long openDescriptors(long pid) throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return descriptors.count();
        }
    }

    private static List<ClientLoop> loops(LoadSpec spec, RunControl control, long start, CountDownLatch held)
            throws IOException {
        int threads = Math.min(spec.clientThreads(), spec.connections());
        Payload payload = new Payload(spec.size(), spec.workload().isLineFramed());
        List<ClientLoop> loops = new ArrayList<>();
        int id = 0;
        for (int t = 0; t < threads; t++) {
            ClientLoop loop = new ClientLoop(control);
            loops.add(loop);
            int lanes = spec.connections() / threads + (t < spec.connections() % threads ? 1 : 0);
            // open loop: this thread's share of the rate, its lanes' send times interleaved evenly
            long tick = spec.rate() > 0 ? Math.round(1e9 * spec.connections() / (spec.rate() * lanes)) : 0;
            if (tick > 0) {
                loop.pace(start, tick);
            }
            List<OneShotLane> idleLanes = new ArrayList<>();
            for (int k = 0; k < lanes; k++, id++) {
                switch (spec.workload()) {
                    case TCP_PINGPONG, TCP_PIPELINED -> {
                        TcpLane.Schedule schedule = tick > 0 ? new TcpLane.Schedule(start + k * tick, lanes * tick) : null;
                        loop.add(new TcpLane(id, spec.server(), payload, spec.depth(), schedule), true, tick > 0);
                    }
                    case UDP_PINGPONG -> loop.add(new DatagramLane(id, spec.server(), payload, spec.depth(),
                            spec.udpTimeout().toNanos()), true, true);
                    case TCP_CHURN -> loop.add(new OneShotLane(id, spec.server(), payload, null), true, false);
                    case TCP_IDLE -> {
                        OneShotLane lane = new OneShotLane(id, spec.server(), payload, held);
                        boolean chainHead = k < IDLE_CONNECTS_IN_FLIGHT;
                        if (!chainHead) {
                            lane.openAfter(idleLanes.get(k - IDLE_CONNECTS_IN_FLIGHT));
                        }
                        idleLanes.add(lane);
                        loop.add(lane, chainHead, false);
                    }
                }
            }
        }
        return loops;
    }

    private static void awaitHeld(CountDownLatch held, RunControl control, LoadSpec spec) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(IDLE_SETUP_TIMEOUT_SECONDS);
        while (!held.await(100, TimeUnit.MILLISECONDS)) {
            if (control.isStopped()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                control.fail(new LoadFailure("only " + (spec.connections() - held.getCount()) + " of "
                        + spec.connections() + " connections were set up within " + IDLE_SETUP_TIMEOUT_SECONDS + " s"));
                return;
            }
        }
    }

    private static void join(List<Thread> threads, RunControl control, long expectedMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + Math.max(0, expectedMillis) + JOIN_GRACE_MILLIS;
        for (Thread thread : threads) {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
            if (thread.isAlive()) {
                control.fail(new LoadFailure("client thread " + thread.getName() + " did not finish in time"));
                thread.join(JOIN_GRACE_MILLIS);
            }
        }
    }

    private static Result result(LoadSpec spec, List<ClientLoop> loops, double seconds, int held, long rss,
            long baselineRss) {
        Histogram latency = new Histogram(Recorder.HIGHEST_LATENCY, 3);
        Histogram sendLag = new Histogram(Recorder.HIGHEST_LATENCY, 3);
        long messages = 0;
        long bytes = 0;
        long lost = 0;
        long late = 0;
        for (ClientLoop loop : loops) {
            Recorder r = loop.recorder();
            latency.add(r.latency);
            sendLag.add(r.sendLag);
            messages += r.messages;
            bytes += r.bytes;
            lost += r.lost;
            late += r.late;
        }
        return new Result(spec.label(), spec, seconds, messages, bytes, percentiles(latency), percentiles(sendLag),
                lost, late, held, rss, baselineRss, Result.JAVA);
    }

    private static Result.Latency percentiles(Histogram nanos) {
        return new Result.Latency(
                nanos.getValueAtPercentile(50) / NANOS_PER_MICRO,
                nanos.getValueAtPercentile(99) / NANOS_PER_MICRO,
                nanos.getValueAtPercentile(99.9) / NANOS_PER_MICRO,
                nanos.getMaxValue() / NANOS_PER_MICRO);
    }
}
