/**
 * The admin endpoint: an HTTP server, on the loopback interface unless configured otherwise, that
 * serves {@code /metrics} (Prometheus text: every endpoint's counters, read from its
 * {@link dev.switchboard.api.TransportStats} at each scrape, its service times as a histogram built on
 * an {@link dev.switchboard.api.EndpointObserver}, and the JVM's standard metrics),
 * {@code /health/live} and {@code /health/ready}. It reads the server through
 * {@link dev.switchboard.admin.ServerStatus}, which the launcher implements.
 */
module dev.switchboard.admin {
    requires transitive dev.switchboard.api;
    requires jdk.httpserver;
    requires io.prometheus.metrics.config;
    requires io.prometheus.metrics.model;
    requires io.prometheus.metrics.exporter.httpserver;
    requires io.prometheus.metrics.instrumentation.jvm;

    exports dev.switchboard.admin;
}
