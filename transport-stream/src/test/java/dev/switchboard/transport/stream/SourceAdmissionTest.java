package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.transport.Refusal;
import dev.switchboard.transport.SourceKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import org.junit.jupiter.api.Test;

/** The acceptor's decisions for a new connection's peer; times are the test's own. */
class SourceAdmissionTest {

    private static final long T0 = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final SocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40000);
    private static final SocketAddress OTHER = new InetSocketAddress("127.0.0.2", 40000);

    private final OpenConnections open = new OpenConnections();

    private SourceAdmission admission(String hocon) {
        return new SourceAdmission(StreamSettings.from(TestServer.context(hocon, null)).sourceLimits(), open);
    }

    /** Counts the connection in if admitted, as the acceptor does. */
    private static Refusal connect(SourceAdmission admission, OpenConnections open, SocketAddress peer, long now) {
        SourceKey source = admission.sourceOf(peer);
        Refusal refusal = admission.check(peer, source, now);
        if (refusal == null) {
            open.opened(source);
        }
        return refusal;
    }

    @Test
    void refusesASourceWithItsMaximumOpen() {
        SourceAdmission admission = admission("max-connections-per-source = 2");
        assertNull(connect(admission, open, LOCAL, T0));
        assertNull(connect(admission, open, LOCAL, T0));
        assertEquals(Refusal.SOURCE_CONNECTIONS, connect(admission, open, LOCAL, T0));
        assertNull(connect(admission, open, OTHER, T0), "another source");
        open.closed(admission.sourceOf(LOCAL));
        assertNull(connect(admission, open, LOCAL, T0), "one of its connections closed");
    }

    @Test
    void refusesASourceOverItsRateAndForTheCoolDown() {
        SourceAdmission admission = admission("max-connection-rate-per-source = 2, connection-rate-cooldown = 1s");
        assertNull(connect(admission, open, LOCAL, T0));
        assertNull(connect(admission, open, LOCAL, T0));
        assertEquals(Refusal.SOURCE_RATE, connect(admission, open, LOCAL, T0));
        assertNull(connect(admission, open, OTHER, T0), "another source");
        assertEquals(Refusal.SOURCE_RATE, connect(admission, open, LOCAL, T0 + 999 * MS), "cooling down");
        assertNull(connect(admission, open, LOCAL, T0 + 1000 * MS));
    }

    @Test
    void refusesAPeerTheDenyListHoldsBeforeCountingItAnywhere() {
        SourceAdmission admission = admission("deny = [\"127.0.0.1\"], max-connection-rate-per-source = 1");
        assertEquals(Refusal.DENIED, connect(admission, open, LOCAL, T0));
        assertEquals(Refusal.DENIED, connect(admission, open, LOCAL, T0));
        assertNull(connect(admission, open, OTHER, T0));
        assertEquals(1, open.total());
    }

    @Test
    void exemptsAPeerThatIsNotIpFromEveryPerSourceLimit() {
        SourceAdmission admission = admission("allow = [\"10.0.0.0/8\"], max-connections-per-source = 1,"
                + " max-connection-rate-per-source = 1");
        UnixDomainSocketAddress unnamed = UnixDomainSocketAddress.of("");
        for (int i = 0; i < 3; i++) {
            assertNull(connect(admission, open, unnamed, T0));
        }
        assertEquals(0, open.sources());
    }

    @Test
    void hasNoPerSourceLimitWhenBothAreZero() {
        SourceAdmission admission = admission("max-connections-per-source = 0, max-connection-rate-per-source = 0");
        for (int i = 0; i < 10_000; i++) {
            assertNull(connect(admission, open, LOCAL, T0));
        }
    }

    @Test
    void explainsEachRefusalNamingThePeerAndTheSetting() {
        SourceAdmission admission = admission("max-connections-per-source = 7, max-connection-rate-per-source = 9,"
                + " connection-rate-cooldown = 2s");
        assertEquals("closed a new connection from 127.0.0.1:40000 at once: the allow and deny lists refuse it",
                admission.explain(Refusal.DENIED, LOCAL));
        assertEquals("closed a new connection from 127.0.0.1:40000 at once: its source opened more than 9 a second"
                + " (max-connection-rate-per-source) and is refused for 2000 ms (connection-rate-cooldown)",
                admission.explain(Refusal.SOURCE_RATE, LOCAL));
        assertEquals("closed a new connection from 127.0.0.1:40000 at once: its source has 7 open"
                + " (max-connections-per-source)", admission.explain(Refusal.SOURCE_CONNECTIONS, LOCAL));
    }
}
