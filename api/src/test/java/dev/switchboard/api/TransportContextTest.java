package dev.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TransportContextTest {

    private static final System.Logger LOGGER = System.getLogger("test");

    /** One framing, named {@code only}, that records the context it was created with. */
    private final AtomicReference<FrameCodecContext> created = new AtomicReference<>();
    private final FrameCodec codec = new FrameCodec() {
        @Override
        public int decode(java.nio.ByteBuffer in, int searchFrom) {
            return NEED_MORE;
        }

        @Override
        public int decodeLast(java.nio.ByteBuffer in) {
            return NEED_MORE;
        }

        @Override
        public int maxFrameBytes() {
            return 1;
        }
    };
    private final Framings framings = new Framings() {
        @Override
        public Optional<FrameCodecProvider> find(String name) {
            return name.equals("only") ? Optional.of(provider) : Optional.empty();
        }

        @Override
        public String available() {
            return "only (test)";
        }
    };
    private final FrameCodecProvider provider = new FrameCodecProvider() {
        @Override
        public String name() {
            return "only";
        }

        @Override
        public FrameCodec create(FrameCodecContext context) {
            created.set(context);
            return codec;
        }
    };

    @Test
    void createsTheCodecTheSettingNamesForTheEndpointAndItsMaximum() {
        Settings settings = new OneString("framing", "only");
        TransportContext context = new TransportContext("lines", "tcp", settings, LOGGER, framings);

        assertSame(codec, context.frameCodec("framing", 100));

        assertEquals("lines", created.get().endpoint());
        assertEquals("only", created.get().framing());
        assertEquals(100, created.get().maxMessageBytes());
        assertSame(settings, created.get().settings());
    }

    @Test
    void aContextCreatedWithoutAnObserverObservesNothing() {
        TransportContext context = new TransportContext("lines", "tcp", new OneString("framing", "only"), LOGGER, framings);

        assertSame(EndpointObserver.NONE, context.observer());
    }

    @Test
    void aContextCreatedWithAnObserverHandsItToItsTransport() {
        EndpointObserver observer = new EndpointObserver() {};
        TransportContext context = new TransportContext("lines", "tcp", new OneString("framing", "only"), LOGGER,
                framings, FatalFailureHandler.logging(LOGGER), MemoryBudget.processDefault(), observer);

        assertSame(observer, context.observer());
    }

    @Test
    void refusesAnUnknownFramingListingTheAvailableOnes() {
        TransportContext context = new TransportContext("lines", "tcp", new OneString("framing", "lines"), LOGGER, framings);

        SettingsException e = assertThrows(SettingsException.class, () -> context.frameCodec("framing", 100));

        assertEquals("framing: expected one of the framings available: only (test), got lines", e.getMessage());
    }

    /** Settings holding one string, whose errors read {@code key: expected X, got Y}. */
    private record OneString(String key, String value) implements Settings {
        @Override
        public String path() {
            return "";
        }

        @Override
        public boolean has(String k) {
            return k.equals(key);
        }

        @Override
        public String string(String k) {
            if (!has(k)) {
                throw new SettingsException(k + ": missing");
            }
            return value;
        }

        @Override
        public SettingsException invalid(String k, String expected) {
            return new SettingsException(k + ": expected " + expected + ", got " + value);
        }

        @Override
        public String oneOf(String k, List<String> allowed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int integer(String k, int min, int max) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long bytes(String k, long min, long max) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Duration duration(String k) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean bool(String k) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> strings(String k) {
            throw new UnsupportedOperationException();
        }
    }
}
