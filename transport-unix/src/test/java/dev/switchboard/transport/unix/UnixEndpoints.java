package dev.switchboard.transport.unix;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportContext;
import dev.switchboard.testkit.TestSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code unix} endpoints of one test, each on a socket file, all stopped when it ends. */
final class UnixEndpoints implements AutoCloseable {

    /** Answers each request upper-cased. */
    static final MessageService UPPER_CASE = MessageService.ofText(text -> text.toUpperCase(Locale.ROOT));

    private final List<Transport> created = new ArrayList<>();

    /**
     * @param path the socket file
     * @param hocon settings over the defaults; may be empty
     * @param logger where the endpoint logs
     * @return an unstarted transport of endpoint {@code test}, with two loops
     */
    Transport create(Path path, String hocon, System.Logger logger) {
        TransportContext context = TestSettings.transportContext("unix",
                "path = \"" + path + "\", threads = 2, log-interval = 1s\n" + hocon);
        Transport transport = new UnixTransportProvider().create(
                new TransportContext(context.endpoint(), context.transport(), context.settings(), logger));
        created.add(transport);
        return transport;
    }

    /**
     * @param path the socket file
     * @param hocon settings over the defaults; may be empty
     * @param service what answers
     * @return a started transport of endpoint {@code test}
     */
    Transport start(Path path, String hocon, MessageService service) {
        Transport transport = create(path, hocon, System.getLogger("switchboard.endpoint.test"));
        try {
            transport.start(service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return transport;
    }

    @Override
    public void close() {
        created.forEach(transport -> transport.stop(Duration.ofSeconds(1)));
    }
}
