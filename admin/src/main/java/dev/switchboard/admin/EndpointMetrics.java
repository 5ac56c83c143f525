package dev.switchboard.admin;

import dev.switchboard.api.TransportStats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * Every endpoint's counters as Prometheus metrics, labelled {@code endpoint} and {@code transport},
 * read from {@link TransportStats} at each scrape: the values are the transports' own counters, so
 * that {@code /metrics} and {@code stats()} never disagree, and counting costs the hot path nothing
 * more. A datagram transport ({@value #DATAGRAM_TRANSPORT}) has kernel drops and no connections;
 * every other transport has connections.
 */
final class EndpointMetrics implements MultiCollector {

    static final String DATAGRAM_TRANSPORT = "udp";
    static final String KERNEL_DROPS = "kernel-receive-buffer";
    static final String SERVICE_FAILURES = "service";

    /**
     * One counter of every endpoint.
     *
     * @param name the metric's name without {@code _total}, which the exposition adds
     * @param help its one-line description
     * @param value reads it from an endpoint's counters
     */
    private record Counter(String name, String help, ToLongFunction<TransportStats> value) {}

    private static final List<Counter> COUNTERS = List.of(
            new Counter("switchboard_requests", "Requests received and handed to the service chain.",
                    TransportStats::requests),
            new Counter("switchboard_replies", "Replies sent.", TransportStats::replies),
            new Counter("switchboard_bytes_received", "Bytes received from the network, framing included.",
                    TransportStats::bytesIn),
            new Counter("switchboard_bytes_sent", "Bytes sent to the network, framing included.",
                    TransportStats::bytesOut),
            new Counter("switchboard_service_failures", "Requests whose service chain threw.",
                    stats -> stats.failed(SERVICE_FAILURES)));

    private final ServerStatus server;

    EndpointMetrics(ServerStatus server) {
        this.server = server;
    }

    @Override
    public MetricSnapshots collect() {
        List<EndpointStatus> endpoints = server.status();
        List<MetricSnapshot> snapshots = new ArrayList<>();
        for (Counter counter : COUNTERS) {
            CounterSnapshot.Builder builder = CounterSnapshot.builder().name(counter.name()).help(counter.help());
            endpoints.forEach(endpoint -> builder.dataPoint(
                    counterPoint(labels(endpoint), counter.value().applyAsLong(endpoint.stats()))));
            snapshots.add(builder.build());
        }
        snapshots.add(refusals(endpoints));
        snapshots.add(connectionsOpen(endpoints));
        snapshots.add(kernelDrops(endpoints));
        return new MetricSnapshots(snapshots);
    }

    @Override
    public List<String> getPrometheusNames() {
        List<String> names = new ArrayList<>();
        COUNTERS.forEach(counter -> names.add(counter.name()));
        names.addAll(List.of("switchboard_refusals", "switchboard_connections_open", "switchboard_kernel_drops"));
        return names;
    }

    private static MetricSnapshot refusals(List<EndpointStatus> endpoints) {
        CounterSnapshot.Builder builder = CounterSnapshot.builder().name("switchboard_refusals")
                .help("Inputs turned away on purpose to protect the server or others, by reason.");
        for (EndpointStatus endpoint : endpoints) {
            for (Map.Entry<String, Long> refusal : new TreeMap<>(endpoint.stats().refusals()).entrySet()) {
                builder.dataPoint(counterPoint(labels(endpoint).add("reason", refusal.getKey()), refusal.getValue()));
            }
        }
        return builder.build();
    }

    private static MetricSnapshot connectionsOpen(List<EndpointStatus> endpoints) {
        GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name("switchboard_connections_open")
                .help("Connections open now.");
        endpoints.stream().filter(endpoint -> !isDatagram(endpoint)).forEach(endpoint -> builder.dataPoint(
                GaugeDataPointSnapshot.builder().labels(labels(endpoint))
                        .value(endpoint.stats().connectionsOpen()).build()));
        return builder.build();
    }

    private static MetricSnapshot kernelDrops(List<EndpointStatus> endpoints) {
        CounterSnapshot.Builder builder = CounterSnapshot.builder().name("switchboard_kernel_drops")
                .help("Datagrams the kernel dropped because the socket's receive buffer was full.");
        endpoints.stream().filter(EndpointMetrics::isDatagram).forEach(endpoint -> builder.dataPoint(
                counterPoint(labels(endpoint), endpoint.stats().refused(KERNEL_DROPS))));
        return builder.build();
    }

    private static boolean isDatagram(EndpointStatus endpoint) {
        return endpoint.transport().equals(DATAGRAM_TRANSPORT);
    }

    private static Labels labels(EndpointStatus endpoint) {
        return Labels.of("endpoint", endpoint.name(), "transport", endpoint.transport());
    }

    private static CounterDataPointSnapshot counterPoint(Labels labels, long value) {
        return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
