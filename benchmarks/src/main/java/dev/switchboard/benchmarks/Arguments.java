package dev.switchboard.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command line of {@code --name value} options and {@code --flag}s, with typed getters whose
 * errors name the option. Every option must be one the command knows.
 */
public final class Arguments {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)(k)?(?:/s)?");

    private final Map<String, String> values = new LinkedHashMap<>();

    private Arguments() {}

    /**
     * @param args the arguments, such as {@code --port 12000 --quick}
     * @param options the options that take a value
     * @param flags the options that take none
     * @return the parsed arguments
     * @throws IllegalArgumentException naming an unknown option or a missing value
     */
    public static Arguments parse(List<String> args, Set<String> options, Set<String> flags) {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.startsWith("--") ? arg.substring(2) : "";
            String inline = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                inline = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (flags.contains(name) && inline == null) {
                parsed.values.put(name, "true");
            } else if (options.contains(name)) {
                if (inline == null && i + 1 == args.size()) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                parsed.values.put(name, inline != null ? inline : args.get(++i));
            } else {
                throw new IllegalArgumentException("unknown option " + arg + "; known: "
                        + String.join(", ", options.stream().sorted().map(o -> "--" + o).toList())
                        + (flags.isEmpty() ? "" : ", " + String.join(", ",
                                flags.stream().sorted().map(f -> "--" + f).toList())));
            }
        }
        return parsed;
    }

    /** @return whether {@code --name} was given */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** @return the value of {@code --name}, or {@code fallback} */
    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** @return the value of {@code --name} as an int within [min, max], or {@code fallback} */
    public int integer(String name, int fallback, int min, int max) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.replace("_", ""));
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + ": expected an integer from " + min + " to " + max
                + ", got " + value);
    }

    /** @return the value of {@code --name}, such as {@code 5s}, {@code 500ms} or {@code 2m}, or {@code fallback} */
    public Duration duration(String name, Duration fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("--" + name + ": expected a duration such as 5s, 500ms or 2m, got " + value);
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            default -> amount * 1000;
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    /** @return the value of {@code --name}, such as {@code 20000}, {@code 20000/s} or {@code 20k/s}, or {@code fallback} */
    public double rate(String name, double fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        Matcher m = RATE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || Double.parseDouble(m.group(1)) <= 0) {
            throw new IllegalArgumentException("--" + name + ": expected a positive rate such as 20000/s or 20k/s, got " + value);
        }
        return Double.parseDouble(m.group(1)) * (m.group(2) == null ? 1 : 1000);
    }
}
