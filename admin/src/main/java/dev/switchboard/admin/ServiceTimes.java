package dev.switchboard.admin;

import dev.switchboard.api.EndpointObserver;
import dev.switchboard.api.EndpointObserverProvider;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The histogram {@code switchboard_service_seconds{endpoint, transport}}: how long each endpoint's
 * service chain took per request, observed through an {@link EndpointObserver}. Its buckets are
 * our own striped counters rather than the Prometheus client's {@code Histogram}, whose
 * {@code observe} creates a lambda per call that only a fully inlined call site can do without; an
 * observation here is a scan of the bounds and two adds, with nothing allocated whatever the JIT
 * does. An endpoint that a reload re-creates under the same name keeps counting in the same series.
 */
final class ServiceTimes implements EndpointObserverProvider, MultiCollector {

    private static final String NAME = "switchboard_service_seconds";
    /** From a microsecond (an ASCII upper-casing) to ten seconds (a blocking service at its worst). */
    private static final double[] UPPER_BOUNDS = {
        1e-6, 5e-6, 1e-5, 5e-5, 1e-4, 5e-4, 1e-3, 5e-3, 1e-2, 5e-2, 0.1, 0.5, 1, 5, 10, Double.POSITIVE_INFINITY};
    private static final long[] UPPER_BOUND_NANOS = nanos(UPPER_BOUNDS);
    private static final double NANOS_PER_SECOND = 1e9;

    /** By endpoint, then transport: the order the exposition lists them in. */
    private final Map<List<String>, Times> byEndpoint = new ConcurrentSkipListMap<>(
            (a, b) -> a.get(0).equals(b.get(0)) ? a.get(1).compareTo(b.get(1)) : a.get(0).compareTo(b.get(0)));

    /** @param registry where the histogram is registered */
    ServiceTimes(PrometheusRegistry registry) {
        registry.register(this);
    }

    @Override
    public EndpointObserver observe(String endpoint, String transport) {
        return byEndpoint.computeIfAbsent(List.of(endpoint, transport), key -> new Times());
    }

    @Override
    public MetricSnapshots collect() {
        HistogramSnapshot.Builder histogram = HistogramSnapshot.builder().name(NAME)
                .help("How long the service chain took per request, in seconds.");
        byEndpoint.forEach((key, times) -> histogram.dataPoint(times.snapshot(
                Labels.of("endpoint", key.get(0), "transport", key.get(1)))));
        return new MetricSnapshots(histogram.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(NAME);
    }

    private static long[] nanos(double[] seconds) {
        long[] nanos = new long[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            nanos[i] = Double.isInfinite(seconds[i]) ? Long.MAX_VALUE : Math.round(seconds[i] * NANOS_PER_SECOND);
        }
        return nanos;
    }

    /** One endpoint's counts: each bucket on its own (not cumulative), and the sum in nanoseconds. */
    private static final class Times implements EndpointObserver {

        private final LongAdder[] buckets = new LongAdder[UPPER_BOUNDS.length];
        private final LongAdder sumNanos = new LongAdder();

        Times() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        @Override
        public void requestServed(long serviceNanos) {
            int bucket = 0;
            while (serviceNanos > UPPER_BOUND_NANOS[bucket]) {
                bucket++;
            }
            buckets[bucket].increment();
            sumNanos.add(serviceNanos);
        }

        HistogramDataPointSnapshot snapshot(Labels labels) {
            long[] counts = new long[buckets.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = buckets[i].sum();
            }
            return HistogramDataPointSnapshot.builder().labels(labels)
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(UPPER_BOUNDS, counts))
                    .sum(sumNanos.sum() / NANOS_PER_SECOND)
                    .build();
        }
    }
}
