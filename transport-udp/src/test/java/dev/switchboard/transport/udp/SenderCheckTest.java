package dev.switchboard.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.TestSettings;
import dev.switchboard.transport.Refusal;
import dev.switchboard.transport.SourceRates;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The loop's check of each datagram's sender; the time is the test's own. */
class SenderCheckTest {

    private static final long MS = 1_000_000L;
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress OTHER = new InetSocketAddress("127.0.0.2", 40000);

    private final AtomicLong now = new AtomicLong(-7_000 * MS);

    private SenderCheck check(String hocon) {
        UdpSettings settings = UdpSettings.from(TestSettings.forTransport("udp", hocon));
        SourceRates rates = settings.sourceRate() == null ? null
                : new SourceRates(settings.sourceRate(), Duration.ZERO, settings.sources().maxTrackedSources());
        return new SenderCheck(settings.sources(), settings.sourceRate(), rates, now::get);
    }

    @Test
    void byDefaultAnswersEverySenderAtAnyRate() {
        SenderCheck check = check("");
        for (int i = 0; i < 100_000; i++) {
            assertNull(check.check(LOCAL));
        }
    }

    @Test
    void dropsWhatASourceSendsBeyondItsBurstUntilItHasEarnedMore() {
        SenderCheck check = check("rate-per-source = 10, burst-per-source = 3");
        for (int i = 0; i < 3; i++) {
            assertNull(check.check(LOCAL));
        }
        assertEquals(Refusal.SOURCE_RATE, check.check(LOCAL));
        assertNull(check.check(OTHER), "another source");
        now.addAndGet(100 * MS);
        assertNull(check.check(LOCAL), "one more earned in 100 ms");
        assertEquals(Refusal.SOURCE_RATE, check.check(LOCAL));
    }

    @Test
    void countsEveryPortOfAnAddressAsOneSource() {
        SenderCheck check = check("rate-per-source = 1, burst-per-source = 2");
        assertNull(check.check(new InetSocketAddress("127.0.0.1", 1)));
        assertNull(check.check(new InetSocketAddress("127.0.0.1", 2)));
        assertEquals(Refusal.SOURCE_RATE, check.check(new InetSocketAddress("127.0.0.1", 3)));
    }

    @Test
    void dropsWhatTheDenyListHoldsWhateverTheSenderSentBefore() {
        SenderCheck check = check("deny = [\"127.0.0.0/31\"]");
        assertNull(check.check(OTHER));
        assertEquals(Refusal.DENIED, check.check(LOCAL));
        assertEquals(Refusal.DENIED, check.check(LOCAL), "the same sender again");
        assertNull(check.check(OTHER));
        assertEquals(Refusal.DENIED, check.check(new InetSocketAddress("127.0.0.1", 40000)), "an equal address, another object");
    }

    @Test
    void explainsEachRefusalNamingTheSenderAndTheSettings() {
        SenderCheck check = check("rate-per-source = 10, burst-per-source = 30");
        assertEquals("dropped a datagram from 127.0.0.1:40000: the allow and deny lists refuse it",
                check.explain(Refusal.DENIED, LOCAL));
        assertEquals("dropped a datagram from 127.0.0.1:40000: its source sent more than 10 a second in bursts of 30"
                + " (rate-per-source, burst-per-source)", check.explain(Refusal.SOURCE_RATE, LOCAL));
    }

    @Test
    void checksARepeatedSenderWithoutAllocating() throws ReflectiveOperationException {
        SenderCheck check = check("allow = [\"127.0.0.0/8\", \"::1\"], deny = [\"10.0.0.0/8\"],"
                + " rate-per-source = 1000000, burst-per-source = 16777216");
        int datagrams = 200_000;
        for (int i = 0; i < datagrams; i++) { // warm up: the interpreter and the JIT alike must not allocate
            check.check(LOCAL);
        }
        long before = allocatedBytes();
        for (int i = 0; i < datagrams; i++) {
            check.check(LOCAL);
        }
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < 4096, allocated + " bytes allocated for " + datagrams + " datagrams");
    }

    /** @return what this thread has allocated so far, as HotSpot counts it; by reflection, as tests do not read jdk.management */
    private static long allocatedBytes() throws ReflectiveOperationException {
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes")
                .invoke(threads);
    }
}
