package dev.switchboard.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.api.EndpointObserverProvider;
import dev.switchboard.api.MemoryBudget;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The admin HTTP endpoint: {@code GET /metrics} (Prometheus text), {@code GET /health/live} and
 * {@code GET /health/ready}. Created unbound, so that its {@link #serviceTimes()} can observe the
 * endpoints as they are created; {@link #bind} binds it, {@link #start} makes it answer. Its one
 * thread, {@code switchboard-admin}, a daemon, answers every request in turn.
 *
 * <p>{@code /health/live} answers 200 whenever the process answers at all. {@code /health/ready}
 * answers 200 only while every endpoint is serving, and 503 before they are all bound and as soon
 * as a graceful stop begins, with a JSON body naming each endpoint's state:
 * {@code {"status":"ready","endpoints":{"tcp":"serving","udp":"serving"}}}.
 *
 * <p>{@link #start} and {@link #close} are synchronized; the rest may be called from any thread.
 */
public final class AdminEndpoint implements AutoCloseable {

    private static final String JSON = "application/json; charset=utf-8";

    private final InetSocketAddress address;
    private final MemoryBudget memoryBudget;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ServiceTimes serviceTimes = new ServiceTimes(registry);
    private HttpServer http;
    private ExecutorService thread;

    /**
     * @param address where to listen; port 0 takes a free one
     * @param memoryBudget the process's budget, whose use {@code /metrics} shows
     */
    public AdminEndpoint(InetSocketAddress address, MemoryBudget memoryBudget) {
        this.address = Objects.requireNonNull(address, "address");
        this.memoryBudget = Objects.requireNonNull(memoryBudget, "memoryBudget");
    }

    /**
     * @return the observers of the service-time histogram: one per endpoint, each to be given to
     *     that endpoint's transport, which calls it on its serving threads without allocating
     */
    public EndpointObserverProvider serviceTimes() {
        return serviceTimes;
    }

    /**
     * Binds the address, so that a port in use fails here, without answering yet: a connection waits
     * in the backlog until {@link #start}. Does nothing if already bound.
     *
     * @param server what {@code /metrics} and {@code /health/ready} read, at each request
     * @return the address bound, with the actual port when port 0 was asked for
     * @throws IOException if the address cannot be bound, such as a {@link java.net.BindException}
     *     when the port is in use; nothing is left open then
     */
    public synchronized InetSocketAddress bind(ServerStatus server) throws IOException {
        Objects.requireNonNull(server, "server");
        if (http == null) {
            HttpServer bound = HttpServer.create(address, 0);
            registry.register(new EndpointMetrics(server));
            registry.register(new MemoryBudgetMetrics(memoryBudget));
            bound.createContext("/metrics", new MetricsHandler(PrometheusProperties.get(), registry));
            bound.createContext("/health/live", exchange -> answer(exchange, () -> new Answer(200, "{\"status\":\"live\"}")));
            bound.createContext("/health/ready", exchange -> answer(exchange, () -> {
                Health health = Health.of(server.status());
                return new Answer(health.httpStatus(), health.json());
            }));
            http = bound;
        }
        return http.getAddress();
    }

    /**
     * Registers the JVM's metrics and starts answering, {@linkplain #bind binding} first if not yet bound.
     *
     * @param server what {@code /metrics} and {@code /health/ready} read, at each request; the one
     *     given to {@link #bind}, if that was called
     * @return the address bound, with the actual port when port 0 was asked for
     * @throws IOException if the address cannot be bound, such as a {@link java.net.BindException}
     *     when the port is in use; nothing is left open then
     * @throws IllegalStateException if already started
     */
    public synchronized InetSocketAddress start(ServerStatus server) throws IOException {
        if (thread != null) {
            throw new IllegalStateException("the admin endpoint was already started");
        }
        InetSocketAddress bound = bind(server);
        thread = Executors.newSingleThreadExecutor(task -> {
            Thread named = new Thread(task, "switchboard-admin");
            named.setDaemon(true);
            return named;
        });
        // The JVM's metrics start the platform's management beans, which takes longer than binding
        // every endpoint; on the admin thread, they do so after the endpoints' start, and before it answers.
        thread.execute(() -> JvmMetrics.builder().register(registry));
        http.setExecutor(thread);
        http.start();
        return bound;
    }

    /** Stops answering and releases the address at once; does nothing if not bound or already closed. */
    @Override
    public synchronized void close() {
        if (http != null) {
            http.stop(0);
            http = null;
        }
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    /**
     * One health answer.
     *
     * @param status the HTTP status
     * @param json the body
     */
    private record Answer(int status, String json) {}

    private static void answer(HttpExchange exchange, Supplier<Answer> answer) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Answer result = answer.get();
            byte[] body = result.json().getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", JSON);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(result.status(), -1);
                return;
            }
            exchange.sendResponseHeaders(result.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
