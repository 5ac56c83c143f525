package dev.switchboard.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.launcher.cli.MetricsText.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTextTest {

    @Test
    void readsNameLabelsAndValueAndSkipsCommentsAndTimestamps() {
        List<Sample> samples = MetricsText.parse("""
                # HELP a_total something
                a_total{x="1",y="two"} 3.0 1700000000000

                b 4e2
                """);

        assertEquals(List.of(new Sample("a_total", Map.of("x", "1", "y", "two"), 3.0), new Sample("b", Map.of(), 400.0)),
                samples);
    }

    @Test
    void readsEscapesInLabelValues() {
        Sample sample = MetricsText.parse("m{path=\"C:\\\\dir\",say=\"\\\"hi\\\"\\n\",} 1\n").get(0);

        assertEquals(Map.of("path", "C:\\dir", "say", "\"hi\"\n"), sample.labels());
    }

    @Test
    void readsInfinityAndNan() {
        assertEquals(Double.POSITIVE_INFINITY, MetricsText.parse("m +Inf").get(0).value());
        assertEquals(Double.NaN, MetricsText.parse("m NaN").get(0).value());
    }

    @Test
    void namesTheLineThatIsNotASample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetricsText.parse("ok 1\nbroken{a=\"1\" 2\n"));

        assertEquals("line 2 is not Prometheus text: expected ',' or '}' after a label", e.getMessage());
    }
}
