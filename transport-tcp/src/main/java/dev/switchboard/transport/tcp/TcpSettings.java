package dev.switchboard.transport.tcp;

import dev.switchboard.api.Settings;
import dev.switchboard.transport.EndpointSettings;
import java.time.Duration;

/**
 * A tcp endpoint's settings, read and validated from its {@link Settings}; see the module's
 * {@code reference.conf} for what each means.
 *
 * @param endpoint the settings every endpoint has
 * @param framing how the byte stream is cut into requests
 * @param backlog connections the kernel may queue before they are accepted
 * @param maxConnections open connections at most
 * @param idleTimeout how long a connection may be silent both ways; {@link Duration#ZERO} = never
 * @param frameTimeout how long a partial request may take to complete; {@link Duration#ZERO} = never
 * @param writeHighWatermark pending outbound bytes above which reading from a client stops
 * @param writeLowWatermark pending outbound bytes below which it resumes
 */
record TcpSettings(
        EndpointSettings endpoint,
        Framing framing,
        int backlog,
        int maxConnections,
        Duration idleTimeout,
        Duration frameTimeout,
        int writeHighWatermark,
        int writeLowWatermark) {

    /** The largest {@code max-message-bytes}: each event loop may hold a reply of three times it. */
    static final int MAX_MESSAGE_LIMIT = 16 << 20;
    private static final int MAX_WATERMARK = 1 << 30;
    private static final Duration MAX_TIMEOUT = Duration.ofDays(365);

    /**
     * @param settings the endpoint's settings
     * @return the validated settings
     * @throws dev.switchboard.api.SettingsException naming the bad value
     */
    static TcpSettings from(Settings settings) {
        EndpointSettings endpoint = EndpointSettings.from(settings, MAX_MESSAGE_LIMIT);
        Framing framing = Framing.named(settings.oneOf("framing", Framing.names()));
        int backlog = settings.integer("backlog", 1, 1 << 16);
        int maxConnections = settings.integer("max-connections", 1, 1 << 24);
        Duration idleTimeout = timeout(settings, "idle-timeout");
        Duration frameTimeout = timeout(settings, "frame-timeout");
        int high = (int) settings.bytes("write-high-watermark", 1, MAX_WATERMARK);
        int low = (int) settings.bytes("write-low-watermark", 0, MAX_WATERMARK);
        if (low >= high) {
            throw settings.invalid("write-low-watermark",
                    "a size below write-high-watermark (" + high + " bytes)");
        }
        return new TcpSettings(endpoint, framing, backlog, maxConnections, idleTimeout, frameTimeout, high, low);
    }

    private static Duration timeout(Settings settings, String key) {
        Duration timeout = settings.duration(key);
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw settings.invalid(key, "a duration of at most 365 days, or 0 for never");
        }
        return timeout;
    }

    /** @return the largest reply content: upper-casing Unicode text can triple its size */
    int maxReplyBytes() {
        return 3 * endpoint.maxMessageBytes();
    }
}
