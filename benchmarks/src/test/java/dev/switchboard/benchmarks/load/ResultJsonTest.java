package dev.switchboard.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The runner reads either load generator's JSON line into a {@link Result}. */
class ResultJsonTest {

    private static final LoadSpec UDP = LoadSpec.of(Workload.UDP_PINGPONG, new InetSocketAddress("127.0.0.1", 9))
            .withShape(16, 1400, 8);

    /** A line as the native generator prints it. */
    private static final String NATIVE_LINE = "{\"label\":\"netty-epoll\",\"workload\":\"udp-pingpong\",\"connections\":16,"
            + "\"size\":1400,\"depth\":8,\"rate\":0,\"seconds\":10.000,\"messages\":1234567,\"bytes\":1728393800,"
            + "\"messagesPerSecond\":123456.7,\"megabytesPerSecond\":172.839,\"p50Us\":101.5,\"p99Us\":2047.0,"
            + "\"p999Us\":4095.0,\"maxUs\":8191.0,\"sendLagP50Us\":0.0,\"sendLagP99Us\":0.0,\"lost\":3,\"late\":1,"
            + "\"held\":0,\"serverRssKiB\":-1,\"serverBaselineRssKiB\":-1,\"client\":\"native\"}";

    @Test
    void readsTheNativeGeneratorsLine() {
        Result result = Result.fromJson(NATIVE_LINE, UDP);
        assertEquals("netty-epoll", result.label());
        assertEquals("native", result.client());
        assertEquals(1_234_567, result.messages());
        assertEquals(123_456.7, result.messagesPerSecond(), 0.01);
        assertEquals(new Result.Latency(101.5, 2047.0, 4095.0, 8191.0), result.latency());
        assertEquals(3, result.lost());
        assertEquals(1, result.late());
        assertEquals(-1, result.serverRssKiB());
    }

    @Test
    void readsBackWhatTheJavaGeneratorWrites() {
        Result written = new Result("switchboard", UDP, 2.0, 1000, 1_400_000, new Result.Latency(50.5, 99.1, 120, 300),
                new Result.Latency(0, 0, 0, 0), 2, 0, 0, -1, -1, Result.JAVA);
        assertEquals(written, Result.fromJson(written.toJson(), UDP));
    }

    @Test
    void refusesTheResultOfAnotherRun() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Result.fromJson(NATIVE_LINE, UDP.withShape(16, 64, 8)));
        assertTrue(e.getMessage().contains("another run"), e.getMessage());
    }

    @Test
    void refusesTheResultOfARunAtAnotherRate() {
        LoadSpec openLoop = LoadSpec.of(Workload.TCP_PINGPONG, new InetSocketAddress("127.0.0.1", 9)).withRate(20_000);
        String closedLoop = NATIVE_LINE.replace("udp-pingpong", "tcp-pingpong").replace("\"connections\":16", "\"connections\":1")
                .replace("\"size\":1400", "\"size\":64").replace("\"depth\":8", "\"depth\":1");
        assertTrue(Result.fromJson(closedLoop, openLoop.withRate(0)).messages() > 0);
        assertThrows(IllegalArgumentException.class, () -> Result.fromJson(closedLoop, openLoop));
    }

    @Test
    void refusesALineWithoutAMeasurement() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Result.fromJson(NATIVE_LINE.replace("\"p99Us\":2047.0,", ""), UDP));
        assertTrue(e.getMessage().contains("no \"p99Us\""), e.getMessage());
    }

    @Test
    void refusesWhatIsNoJsonObject() {
        assertThrows(IllegalArgumentException.class, () -> Result.fromJson("load: FAILED: wrong reply", UDP));
        assertThrows(IllegalArgumentException.class, () -> Result.fromJson("{\"label\":\"x\" \"workload\":1}", UDP));
    }
}
