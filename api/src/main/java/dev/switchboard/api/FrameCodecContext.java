package dev.switchboard.api;

import java.util.Objects;

/**
 * What a {@link FrameCodecProvider} is given to create the codec of one endpoint. A final class
 * rather than a record, so that it can gain accessors without breaking the providers that use it.
 */
public final class FrameCodecContext {

    private final String endpoint;
    private final String framing;
    private final int maxMessageBytes;
    private final Settings settings;

    /**
     * @param endpoint the endpoint's name, such as {@code "lines"}
     * @param framing the framing's name as configured, such as {@code "line"}
     * @param maxMessageBytes the largest request payload the endpoint accepts; at least 1
     * @param settings the endpoint's settings
     */
    public FrameCodecContext(String endpoint, String framing, int maxMessageBytes, Settings settings) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.framing = Objects.requireNonNull(framing, "framing");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /** @return the endpoint's name, for messages */
    public String endpoint() {
        return endpoint;
    }

    /** @return the framing's name as configured */
    public String framing() {
        return framing;
    }

    /**
     * @return the largest payload a frame may carry: a larger one is refused with
     *     {@link FrameCodec#TOO_LARGE}
     */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /**
     * @return the endpoint's settings, as its transport received them: a codec may read the keys
     *     its transport declares
     */
    public Settings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "FrameCodecContext[endpoint=" + endpoint + ", framing=" + framing + ", maxMessageBytes="
                + maxMessageBytes + "]";
    }
}
