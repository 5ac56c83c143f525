package dev.switchboard.transport.tcp;

import dev.switchboard.api.FrameCodec;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/** The framings an endpoint may configure, by their names in {@code framing = ...}. */
enum Framing {
    RAW("raw", RawDecoder::new),
    LINE("line", LineDecoder::new),
    LENGTH_PREFIXED("length-prefixed", LengthPrefixedDecoder::new);

    private final String configName;
    private final IntFunction<FrameCodec> decoder;

    Framing(String configName, IntFunction<FrameCodec> decoder) {
        this.configName = configName;
        this.decoder = decoder;
    }

    /** @return every framing's configuration name */
    static List<String> names() {
        return Arrays.stream(values()).map(Framing::toString).toList();
    }

    /**
     * @param name a configuration name, one of {@link #names()}
     * @return the framing of that name
     */
    static Framing named(String name) {
        return Arrays.stream(values())
                .filter(framing -> framing.configName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown framing: " + name));
    }

    /**
     * @param maxMessageBytes the largest request payload
     * @return a decoder for this framing
     */
    FrameCodec decoder(int maxMessageBytes) {
        return decoder.apply(maxMessageBytes);
    }

    /** @return the configuration name, such as {@code "length-prefixed"} */
    @Override
    public String toString() {
        return configName;
    }
}
