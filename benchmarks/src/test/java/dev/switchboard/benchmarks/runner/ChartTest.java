package dev.switchboard.benchmarks.runner;

import static dev.switchboard.benchmarks.runner.Fixtures.NETTY_NIO;
import static dev.switchboard.benchmarks.runner.Fixtures.SWITCHBOARD;
import static dev.switchboard.benchmarks.runner.Fixtures.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ChartTest {

    @Test
    void drawsAThroughputAndALatencyBarPerServerAndWorkload() throws Exception {
        List<Scenario> scenarios = Fixtures.options().scenarios();
        Measurements m = new Measurements();
        for (Scenario s : scenarios) {
            m.add(1, s, SWITCHBOARD, result(s, "switchboard", 1000, 50));
            m.add(1, s, NETTY_NIO, result(s, "netty-nio", 800, 70));
        }
        Document svg = parse(new Chart(scenarios, List.of(SWITCHBOARD, NETTY_NIO), m).svg());
        long speedScenarios = scenarios.stream().filter(s -> !s.isIdle()).count();
        // background + legend + (throughput, p99) x servers x workloads
        assertEquals(1 + 2 + 2 * 2 * speedScenarios, svg.getElementsByTagName("rect").getLength());
    }

    @Test
    void marksAMissingValueInsteadOfDrawingIt() throws Exception {
        Scenario s = Fixtures.options().scenarios().get(0);
        Measurements m = new Measurements();
        m.add(1, s, NETTY_NIO, result(s, "netty-nio", 800, 70));
        String svg = new Chart(List.of(s), List.of(SWITCHBOARD, NETTY_NIO), m).svg();
        assertEquals(1 + 2 + 2, parse(svg).getElementsByTagName("rect").getLength());
        assertEquals(2, svg.split(">n/a<", -1).length - 1);
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
