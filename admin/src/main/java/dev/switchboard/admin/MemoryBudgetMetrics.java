package dev.switchboard.admin;

import dev.switchboard.api.MemoryBudget;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/**
 * The process's memory budget as Prometheus metrics, read at each scrape: what the transports
 * have reserved for what they buffer, the limit, and how often reading was paused because the
 * budget was near. The refusals past it are counted per endpoint, as {@code memory-budget}.
 */
final class MemoryBudgetMetrics implements MultiCollector {

    private static final String USED = "switchboard_memory_budget_used_bytes";
    private static final String LIMIT = "switchboard_memory_budget_limit_bytes";
    private static final String PAUSES = "switchboard_memory_budget_pauses";

    private final MemoryBudget budget;

    MemoryBudgetMetrics(MemoryBudget budget) {
        this.budget = budget;
    }

    @Override
    public MetricSnapshots collect() {
        return new MetricSnapshots(
                gauge(USED, "Bytes the transports have reserved for what they buffer.", budget.used()),
                gauge(LIMIT, "Bytes the transports may reserve at once (switchboard.memory-budget).", budget.limit()),
                CounterSnapshot.builder().name(PAUSES)
                        .help("Times reading from a connection was paused because the memory budget was near.")
                        .dataPoint(CounterDataPointSnapshot.builder().value(budget.pauses()).build())
                        .build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(USED, LIMIT, PAUSES);
    }

    private static GaugeSnapshot gauge(String name, String help, long value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}
