package dev.switchboard.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.google.inject.Module;
import dev.switchboard.api.MessageService;
import dev.switchboard.api.MessageServiceProvider;
import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.api.SettingsException;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportProvider;
import dev.switchboard.api.TransportStats;
import dev.switchboard.launcher.endpoint.Endpoint;
import dev.switchboard.launcher.endpoint.Server;
import dev.switchboard.launcher.plugin.Discovered;
import dev.switchboard.launcher.plugin.ProviderRegistry;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** The launcher's wiring, with a mocked transport and simple services swapped in through Guice. */
class WiringTest {

    @TempDir
    Path directory;

    private TestHome home;
    private final TransportProvider transports = mock(TransportProvider.class);
    private final Map<String, Transport> transportOf = new ConcurrentHashMap<>();
    private final Map<String, TransportContext> contextOf = new ConcurrentHashMap<>();
    private final AppendProvider append = new AppendProvider();
    private volatile String cannotBind = "";

    @BeforeEach
    void mockTransports() {
        home = new TestHome(directory);
        when(transports.create(any())).thenAnswer(invocation -> {
            TransportContext context = invocation.getArgument(0);
            int port = context.settings().integer("port", 0, 65535);
            Transport transport = mock(Transport.class);
            when(transport.description()).thenReturn("mock:" + port);
            when(transport.stats()).thenReturn(TransportStats.EMPTY);
            if (context.endpoint().equals(cannotBind)) {
                doThrow(new BindException("127.0.0.1:" + port + ": Address already in use")).when(transport).start(any());
            }
            transportOf.put(context.endpoint(), transport);
            contextOf.put(context.endpoint(), context);
            return transport;
        });
    }

    private Launcher launcher(String hocon) {
        return launcher(hocon, new Properties());
    }

    private Launcher launcher(String hocon, Properties systemProperties) {
        home.configure(hocon);
        Module mocks = binder -> binder.bind(ProviderRegistry.class).toInstance(ProviderRegistry.of(
                List.of(new Discovered<>("mock", transports, "test")),
                List.of(new Discovered<>("uppercase", new UppercaseProvider(), "test"),
                        new Discovered<>("append", append, "test"))));
        return home.launcher(systemProperties, mocks);
    }

    private static String answer(MessageService service, String request) throws Exception {
        Reply reply = Reply.allocate(1024);
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 1);
        service.handle(ByteBuffer.wrap(request.getBytes(UTF_8)), new RequestContext("e", "mock", peer, peer), reply);
        return UTF_8.decode(reply.content()).toString();
    }

    private MessageService startedWith(String endpoint) throws Exception {
        ArgumentCaptor<MessageService> service = ArgumentCaptor.forClass(MessageService.class);
        verify(transportOf.get(endpoint)).start(service.capture());
        return service.getValue();
    }

    @Test
    void createsEachEndpointWithItsNameTransportAndSettings() {
        launcher("""
                switchboard.endpoints {
                  one { transport = mock, port = 1 }
                  two { transport = mock, port = 2 }
                }
                """).start();
        assertEquals(1, contextOf.get("one").settings().integer("port", 0, 65535));
        assertEquals(2, contextOf.get("two").settings().integer("port", 0, 65535));
        assertEquals("switchboard.endpoints.two", contextOf.get("two").settings().path());
        assertEquals("mock", contextOf.get("two").transport());
        assertEquals("switchboard.endpoint.two", contextOf.get("two").logger().getName());
    }

    @Test
    void chainsTheServicesInTheConfiguredOrder() throws Exception {
        launcher("""
                switchboard.endpoints.e { transport = mock, port = 1, services = [uppercase, { name = append, text = x }] }
                """).start();
        assertEquals("HIx", answer(startedWith("e"), "hi"));
    }

    @Test
    void givesEachServiceEntryItsOwnSettingsOverTheServiceDefaults() throws Exception {
        launcher("""
                switchboard.services.append.text = "-"
                switchboard.endpoints.e { transport = mock, port = 1, services = [append, { name = append, text = "?" }] }
                """).start();
        assertEquals("hi-?", answer(startedWith("e"), "hi"));
        assertEquals(List.of("switchboard.services.append", "switchboard.endpoints.e.services[1]"),
                append.contexts.stream().map(context -> context.settings().path()).toList());
    }

    @Test
    void chainsTheServicesASystemPropertyListsInHoconSyntax() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("switchboard.endpoints.e.services", "[uppercase, { name = append, text = x }]");
        launcher("switchboard.endpoints.e { transport = mock, port = 1, services = [append] }", properties).start();
        assertEquals("HIx", answer(startedWith("e"), "hi"));
    }

    @Test
    void chainsTheServicesNumberedSystemPropertiesName() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("switchboard.endpoints.e.services.0", "append");
        properties.setProperty("switchboard.endpoints.e.services.1", "uppercase");
        launcher("""
                switchboard.services.append.text = x
                switchboard.endpoints.e { transport = mock, port = 1, services = [uppercase] }
                """, properties).start();
        assertEquals("HIX", answer(startedWith("e"), "hi"));
    }

    @Test
    void usesTheDefaultServiceWhenNoneIsConfigured() throws Exception {
        launcher("switchboard.endpoints.e { transport = mock, port = 1 }").start();
        assertEquals("HI", answer(startedWith("e"), "hi"));
    }

    @Test
    void skipsDisabledEndpoints() {
        List<Endpoint> started = launcher("""
                switchboard.endpoints {
                  on { transport = mock, port = 1 }
                  off { transport = not-even-a-transport, enabled = false }
                }
                """).get(Server.class).start();
        assertEquals(List.of("on"), started.stream().map(Endpoint::name).toList());
        assertEquals(List.of("on"), List.copyOf(transportOf.keySet()));
    }

    @Test
    void describesAnEndpointByNameTransportAndServices() {
        Server server = launcher("switchboard.endpoints.shout { transport = mock, port = 13000, services = [append, uppercase] }")
                .get(Server.class);
        assertEquals("shout (mock) mock:13000 -> [append, uppercase]", server.start().get(0).description());
    }

    @Test
    void stopsEveryEndpointWithItsOwnGraceAndClosesItsServices() {
        Server server = launcher("""
                switchboard.endpoint-defaults.shutdown-grace = 2s
                switchboard.endpoints {
                  quick { transport = mock, port = 1, services = [append] }
                  slow { transport = mock, port = 2, services = [append, append], shutdown-grace = 30s }
                }
                """).start();
        server.stop();
        verify(transportOf.get("quick")).stop(Duration.ofSeconds(2));
        verify(transportOf.get("slow")).stop(Duration.ofSeconds(30));
        assertEquals(3, append.closed.get());
    }

    @Test
    void stopsTheStartedEndpointsAndClosesEveryServiceWhenOneCannotStart() throws Exception {
        cannotBind = "b";
        Launcher launcher = launcher("""
                switchboard.endpoints {
                  a { transport = mock, port = 1, services = [append] }
                  b { transport = mock, port = 2, services = [append] }
                  c { transport = mock, port = 3, services = [append] }
                }
                """);

        LaunchException e = assertThrows(LaunchException.class, launcher::start);

        assertEquals("endpoint b: cannot bind 127.0.0.1:2: Address already in use", e.getMessage());
        assertEquals(LaunchException.START_FAILED, e.status());
        InOrder order = inOrder(transportOf.get("a"));
        order.verify(transportOf.get("a")).start(any());
        order.verify(transportOf.get("a")).stop(Duration.ofSeconds(5));
        verify(transportOf.get("c"), never()).start(any());
        assertEquals(3, append.closed.get());
    }

    @Test
    void startsNothingWhenAnEndpointCannotBeCreated() throws Exception {
        Launcher launcher = launcher("""
                switchboard.endpoints {
                  a { transport = mock, port = 1, services = [append] }
                  b { transport = mock, port = 99999, services = [append] }
                }
                """);

        LaunchException e = assertThrows(LaunchException.class, launcher::start);

        assertEquals(LaunchException.BAD_CONFIGURATION, e.status());
        assertEquals(directory.resolve("config/switchboard.conf")
                + ":3: switchboard.endpoints.b.port: expected an integer from 0 to 65535, got 99999", e.getMessage());
        verify(transportOf.get("a"), never()).start(any());
        assertEquals(1, append.closed.get(), "a's service closed; b's never created");
    }

    @Test
    void rejectsATransportNameClashAnEndpointUsesNamingBothOrigins() {
        home.configure("switchboard.endpoints.e { transport = mock, port = 1 }");
        Module clashing = binder -> binder.bind(ProviderRegistry.class).toInstance(ProviderRegistry.of(
                List.of(new Discovered<>("mock", transports, "built-in module a"),
                        new Discovered<>("mock", mock(TransportProvider.class), "plugin b.jar")),
                List.of(new Discovered<>("uppercase", new UppercaseProvider(), "test"))));

        LaunchException e = assertThrows(LaunchException.class, () -> home.launcher(clashing).start());

        assertEquals(directory.resolve("config/switchboard.conf") + ":1: switchboard.endpoints.e.transport:"
                + " two transports are named \"mock\": one in built-in module a, one in plugin b.jar; remove one of them",
                e.getMessage());
        verify(transports, never()).create(any());
    }

    @Test
    void passesAProvidersSettingsErrorOnAsItIs() {
        doThrow(new SettingsException("x.conf:1: some.path: expected something")).when(transports).create(any());
        LaunchException e = assertThrows(LaunchException.class,
                () -> launcher("switchboard.endpoints.e { transport = mock }").start());
        assertEquals("x.conf:1: some.path: expected something", e.getMessage());
    }

    /** Upper-cases text. */
    static final class UppercaseProvider implements MessageServiceProvider {
        @Override
        public String name() {
            return "uppercase";
        }

        @Override
        public MessageService create(ServiceContext context) {
            return MessageService.ofText(String::toUpperCase);
        }
    }

    /** Appends its setting {@code text}; counts its services' closes. */
    static final class AppendProvider implements MessageServiceProvider {
        final List<ServiceContext> contexts = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public String name() {
            return "append";
        }

        @Override
        public MessageService create(ServiceContext context) {
            contexts.add(context);
            String text = context.settings().has("text") ? context.settings().string("text") : "";
            MessageService appending = MessageService.ofText(s -> s + text);
            return new MessageService() {
                @Override
                public void handle(ByteBuffer request, RequestContext requestContext, Reply reply) throws Exception {
                    appending.handle(request, requestContext, reply);
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }
}
