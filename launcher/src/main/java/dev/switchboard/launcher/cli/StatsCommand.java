package dev.switchboard.launcher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchboard.launcher.cli.MetricsText.Sample;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code switchboard stats [--admin HOST:PORT]}: a running server's counters, from its admin endpoint. */
@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Prints a running server's counters per endpoint as a table, read from the Prometheus"
                + " text its admin endpoint serves at /metrics (switchboard.admin must be enabled).",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:printed",
            "2:a bad option",
            "3:no answer within --timeout",
            "4:refused: no admin endpoint listens at the address",
            "5:the request failed, or the answer was not Prometheus text"})
final class StatsCommand implements Callable<Integer> {

    @Option(names = "--admin", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9464",
            description = "the admin endpoint's address (default: ${DEFAULT-VALUE}); IPv6 in brackets, [::1]:9464")
    private String admin;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "how long to wait for the answer, such as 500ms or 5s (default: ${DEFAULT-VALUE})")
    private Duration timeout;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        URI metrics = metricsUri();
        try {
            spec.commandLine().getOut().print(StatsTable.render(fetch(metrics)));
            spec.commandLine().getOut().flush();
            return ExitStatus.OK;
        } catch (ClientFailure failure) {
            spec.commandLine().getErr().println("switchboard stats: " + failure.getMessage());
            return failure.status();
        }
    }

    private URI metricsUri() {
        try {
            URI uri = new URI("http://" + admin + "/metrics");
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--admin: expected HOST:PORT, such as 127.0.0.1:9464, got '" + admin + "'");
        }
    }

    private List<Sample> fetch(URI metrics) throws ClientFailure, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(metrics).timeout(timeout)
                .header("Accept", "text/plain; version=0.0.4").GET().build();
        String waited = DurationConverter.format(timeout);
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new ClientFailure(ExitStatus.TIMEOUT, "no connection to " + metrics + " within " + waited);
        } catch (HttpTimeoutException e) {
            throw new ClientFailure(ExitStatus.TIMEOUT, "no answer from " + metrics + " within " + waited);
        } catch (ConnectException e) {
            throw new ClientFailure(ExitStatus.REFUSED, "nothing listens at " + admin
                    + "; is the server running with switchboard.admin.enabled = true?");
        } catch (IOException e) {
            throw new ClientFailure(ExitStatus.CONNECTION_FAILED, "GET " + metrics + " failed: " + e);
        }
        if (response.statusCode() != 200) {
            throw new ClientFailure(ExitStatus.CONNECTION_FAILED, "GET " + metrics + " answered " + response.statusCode());
        }
        try {
            return MetricsText.parse(response.body());
        } catch (IllegalArgumentException e) {
            throw new ClientFailure(ExitStatus.CONNECTION_FAILED, metrics + ": " + e.getMessage());
        }
    }
}
