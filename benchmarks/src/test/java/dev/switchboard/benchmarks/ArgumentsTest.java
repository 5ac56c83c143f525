package dev.switchboard.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static Arguments parse(String... args) {
        return Arguments.parse(List.of(args), Set.of("port", "warmup", "rate"), Set.of("quick"));
    }

    @Test
    void readsOptionsWithSeparateOrInlineValuesAndFlags() {
        Arguments a = parse("--port", "12000", "--warmup=500ms", "--quick");
        assertEquals(12000, a.integer("port", 0, 1, 65535));
        assertEquals(Duration.ofMillis(500), a.duration("warmup", Duration.ZERO));
        assertTrue(a.has("quick"));
        assertFalse(a.has("rate"));
    }

    @Test
    void readsDurationsInMillisecondsSecondsAndMinutes() {
        assertEquals(Duration.ofMillis(1500), parse("--warmup", "1.5s").duration("warmup", Duration.ZERO));
        assertEquals(Duration.ofMinutes(2), parse("--warmup", "2m").duration("warmup", Duration.ZERO));
        assertEquals(Duration.ofSeconds(7), parse("--warmup", "7").duration("warmup", Duration.ZERO));
    }

    @Test
    void readsRatesPerSecondWithAnOptionalThousandsSuffix() {
        assertEquals(20_000, parse("--rate", "20k/s").rate("rate", 0));
        assertEquals(1500, parse("--rate", "1500/s").rate("rate", 0));
        assertEquals(300, parse("--rate", "300").rate("rate", 0));
    }

    @Test
    void givesTheFallbackForAnAbsentOption() {
        assertEquals(Duration.ofSeconds(5), parse().duration("warmup", Duration.ofSeconds(5)));
    }

    @Test
    void refusesAnUnknownOptionListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("--prot", "1"));
        assertTrue(e.getMessage().contains("--prot") && e.getMessage().contains("--port"), e.getMessage());
    }

    @Test
    void refusesAnOutOfRangeNumberNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--port", "70000").integer("port", 0, 1, 65535));
        assertTrue(e.getMessage().startsWith("--port"), e.getMessage());
    }

    @Test
    void refusesAnOptionWithoutItsValue() {
        assertThrows(IllegalArgumentException.class, () -> parse("--port"));
    }
}
