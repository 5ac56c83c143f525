package dev.switchboard.admin;

import dev.switchboard.api.EndpointObserver;
import dev.switchboard.api.EndpointObserverProvider;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The histogram {@code switchboard_service_seconds{endpoint, transport}}: how long each endpoint's
 * service chain took per request, observed through an {@link EndpointObserver}. A classic histogram
 * only, without exemplars, so that an observation is a few adds on striped counters: no allocation
 * once warm.
 */
final class ServiceTimes implements EndpointObserverProvider {

    /** From a microsecond (an ASCII upper-casing) to ten seconds (a blocking service at its worst). */
    private static final double[] UPPER_BOUNDS = {
        1e-6, 5e-6, 1e-5, 5e-5, 1e-4, 5e-4, 1e-3, 5e-3, 1e-2, 5e-2, 0.1, 0.5, 1, 5, 10};
    private static final double NANOS_PER_SECOND = 1e9;

    private final Histogram histogram;

    /** @param registry where the histogram is registered */
    ServiceTimes(PrometheusRegistry registry) {
        this.histogram = Histogram.builder()
                .name("switchboard_service_seconds")
                .help("How long the service chain took per request, in seconds.")
                .labelNames("endpoint", "transport")
                .classicOnly()
                .classicUpperBounds(UPPER_BOUNDS)
                .withoutExemplars()
                .register(registry);
    }

    @Override
    public EndpointObserver observe(String endpoint, String transport) {
        DistributionDataPoint times = histogram.labelValues(endpoint, transport);
        return new EndpointObserver() {
            @Override
            public void requestServed(long serviceNanos) {
                times.observe(serviceNanos / NANOS_PER_SECOND);
            }
        };
    }
}
