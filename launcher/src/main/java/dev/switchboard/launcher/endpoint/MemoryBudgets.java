package dev.switchboard.launcher.endpoint;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.switchboard.api.MemoryBudget;
import dev.switchboard.launcher.LaunchException;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The process's one {@link MemoryBudget}, from {@code switchboard.memory-budget}: a size, or
 * {@code auto} for half of the smaller of the maximum heap and the maximum direct memory (the
 * buffers held for clients are on the heap; the loops' fixed buffers are direct).
 */
final class MemoryBudgets {

    static final String PATH = "switchboard.memory-budget";
    private static final String MAX_DIRECT = "-XX:MaxDirectMemorySize=";

    private MemoryBudgets() {}

    /**
     * @param config the effective configuration
     * @return a new budget
     * @throws LaunchException naming the file and line if the setting is neither a size nor {@code auto}
     */
    static MemoryBudget configured(Config config) {
        ConfigValue value = config.getValue(PATH);
        if (value.valueType() == ConfigValueType.STRING && "auto".equals(value.unwrapped())) {
            return MemoryBudget.of(auto());
        }
        long bytes;
        try {
            bytes = config.getBytes(PATH);
        } catch (ConfigException e) {
            throw LaunchException.at(value.origin(), PATH, "a size such as 256MiB, or auto; got " + value.render());
        }
        if (bytes <= 0) {
            throw LaunchException.at(value.origin(), PATH, "a positive size such as 256MiB, or auto; got " + value.render());
        }
        return MemoryBudget.of(bytes);
    }

    /** @return half of the smaller of the maximum heap and the maximum direct memory */
    static long auto() {
        long heap = Runtime.getRuntime().maxMemory();
        return Math.min(heap, maxDirectMemory(heap)) / 2;
    }

    /**
     * The JVM's limit on direct buffers: {@code -XX:MaxDirectMemorySize} when given, else, as the JDK
     * documents for that option, the maximum heap.
     */
    private static long maxDirectMemory(long heap) {
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = arguments.size() - 1; i >= 0; i--) {
            String argument = arguments.get(i);
            if (argument.startsWith(MAX_DIRECT)) {
                long size = parseSize(argument.substring(MAX_DIRECT.length()));
                return size > 0 ? size : heap;
            }
        }
        return heap;
    }

    /** @return a JVM option's size such as {@code 64m}, in bytes; 0 if it cannot be read */
    private static long parseSize(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        char unit = Character.toLowerCase(text.charAt(text.length() - 1));
        int shift = switch (unit) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        String digits = shift == 0 ? text : text.substring(0, text.length() - 1);
        try {
            return Long.parseLong(digits) << shift;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
