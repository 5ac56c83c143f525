package dev.switchboard.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One soak: starts the server from the distribution, runs every kind of client against it at once
 * for the settings' duration while sampling its memory and log each second, stops it with SIGTERM
 * and gathers what was seen. Each phase is bounded, so the whole run ends within
 * {@link SoakSettings#HARD_CAP}.
 */
final class Soak {

    static final Duration START_TIMEOUT = Duration.ofSeconds(40);
    /** How long the clients may take to finish their step once the traffic ends (a reply may be awaited). */
    static final Duration CLIENTS_STOP_BOUND = TcpEchoClient.REPLY_TIMEOUT.plusSeconds(2);
    /** The grace, then a few seconds for the JVM to exit. */
    static final Duration SERVER_STOP_BOUND = ServerConfig.SHUTDOWN_GRACE.plusSeconds(5);
    static final int WELL_BEHAVED_TCP_PER_ENDPOINT = 4;
    static final int WELL_BEHAVED_UDP = 4;

    private Soak() {}

    /** @return the most a run spends outside its traffic: the server's start, the clients' stop (twice over), the server's stop and kill */
    static Duration outsideTheTraffic() {
        return START_TIMEOUT.plus(CLIENTS_STOP_BOUND.multipliedBy(2)).plus(SERVER_STOP_BOUND).plus(ServerProcess.KILL_WAIT);
    }

    /**
     * @param settings what to run
     * @return what was seen
     * @throws IOException if the server cannot be started or does not get ready, with the end of its log
     */
    static SoakResult run(SoakSettings settings) throws IOException, InterruptedException {
        String loadBefore = loadAverage();
        Files.createDirectories(settings.directory());
        Path log = settings.directory().resolve("soak-server.log");
        Path config = ServerConfig.write(settings.directory());
        Findings findings = new Findings();
        try (ServerProcess server = ServerProcess.start(settings.distribution(), settings.heap(), config, log)) {
            Endpoints endpoints = server.awaitReady(START_TIMEOUT);
            List<SoakClient> clients = traffic(settings, endpoints, findings);
            BoundedRunner runner = new BoundedRunner(clients, findings);
            LogWatch logWatch = new LogWatch(log);
            List<Rss.Sample> rss = new ArrayList<>();
            long ready = System.nanoTime();
            long deadline = ready + settings.duration().toNanos();
            Optional<SoakResult.Death> died = Optional.empty();
            boolean clientsStopped = false;
            Optional<ServerProcess.Stop> stop = Optional.empty();
            long trafficEnded = deadline;
            try {
                runner.start(deadline);
                Pace everySecond = new Pace(1);
                while (System.nanoTime() - deadline < 0 && died.isEmpty()) {
                    everySecond.await(deadline);
                    long second = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - ready);
                    rssOf(server).ifPresent(kib -> rss.add(new Rss.Sample(second, kib)));
                    died = server.exitCode().map(code -> new SoakResult.Death(code, second));
                    logWatch.poll();
                }
                trafficEnded = System.nanoTime();
            } finally {
                clientsStopped = runner.stop(CLIENTS_STOP_BOUND);
                // hostile connections still open: the server must cut what it cannot finish within its grace
                if (died.isEmpty()) {
                    stop = Optional.of(server.terminate(SERVER_STOP_BOUND));
                }
                runner.closeAll();
            }
            logWatch.poll();
            List<Tally.Counts> counts = clients.stream().map(SoakClient::tally).distinct().map(Tally::counts).toList();
            return new SoakResult(settings, Duration.ofNanos(trafficEnded - ready), counts, findings.firstByKind(), List.copyOf(rss),
                    died.isPresent() ? Optional.empty() : RssVerdict.judge(rss, settings.duration()),
                    died, clientsStopped, stop,
                    new SoakResult.LogSummary(logWatch.levels(), logWatch.alarmCount(), logWatch.alarms(), logWatch.finalCounts()),
                    new SoakResult.Machine(loadBefore, loadAverage(), Runtime.getRuntime().availableProcessors(),
                            Runtime.version().toString()));
        }
    }

    /** @return the server's resident memory in KiB; empty if it cannot be read (the process is exiting) */
    private static Optional<Long> rssOf(ServerProcess server) {
        try {
            return Optional.of(Rss.kib(server.pid()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Every kind of client, well-behaved first, each kind sharing one tally. */
    private static List<SoakClient> traffic(SoakSettings settings, Endpoints endpoints, Findings findings) throws IOException {
        Map<Framing, InetSocketAddress> tcp = endpoints.tcp();
        String allTcp = String.join(", ", tcp.keySet().stream().map(Framing::endpoint).toList());
        List<SoakClient> clients = new ArrayList<>();
        Liveness tcpLiveness = new Liveness("TCP");
        for (Framing framing : Framing.values()) {
            Tally tally = new Tally("well-behaved " + framing.endpoint(), framing.endpoint(), true);
            for (int i = 0; i < WELL_BEHAVED_TCP_PER_ENDPOINT; i++) {
                clients.add(new TcpEchoClient(framing, tcp.get(framing), i, tally, findings, tcpLiveness));
            }
        }
        Liveness udpLiveness = new Liveness("UDP");
        Tally udp = new Tally("well-behaved udp", "udp", true);
        for (int i = 0; i < WELL_BEHAVED_UDP; i++) {
            clients.add(new UdpEchoClient(endpoints.udp(), i, udp, findings, udpLiveness));
        }
        clients.add(new Slowloris(tcp, new Tally("slowloris", allTcp, false)));
        clients.add(new NeverReaders(settings.neverReaders(), tcp, new Tally("never-reading", allTcp, false)));
        clients.add(new ConnectionFlood(tcp, new Tally("connection flood", allTcp, false)));
        clients.add(new Resets(tcp, new Tally("reset mid-request", allTcp, false)));
        clients.add(new OversizedFrames(tcp, ServerConfig.MAX_MESSAGE_BYTES,
                new Tally("oversized frames", Framing.LINE.endpoint() + ", " + Framing.LENGTH_PREFIXED.endpoint(), false), findings));
        clients.add(new MalformedPrefixes(tcp.get(Framing.LENGTH_PREFIXED),
                new Tally("malformed length prefixes", Framing.LENGTH_PREFIXED.endpoint(), false), findings));
        clients.add(new UdpFlood(endpoints.udp(), new Tally("udp flood (" + UdpFlood.SOCKETS + " sockets)", "udp", false)));
        return clients;
    }

    /** @return the 1, 5 and 15 minute load averages, or "unknown" off Linux */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
