package dev.switchboard.benchmarks.runner;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A value over rounds: its median and its range.
 *
 * @param median the median (the mean of the middle two for an even count)
 * @param min the smallest
 * @param max the largest
 */
record Spread(double median, double min, double max) {

    /**
     * @param items at least one item
     * @param value the value of each
     * @return the spread of the values
     */
    static <T> Spread of(List<T> items, ToDoubleFunction<T> value) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a spread needs at least one value");
        }
        double[] values = items.stream().mapToDouble(value).sorted().toArray();
        int n = values.length;
        double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        return new Spread(median, values[0], values[n - 1]);
    }
}
