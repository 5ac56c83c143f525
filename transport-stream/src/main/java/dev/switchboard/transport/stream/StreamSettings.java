package dev.switchboard.transport.stream;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.Settings;
import dev.switchboard.api.TransportContext;
import dev.switchboard.transport.EndpointSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A stream endpoint's settings, read and validated from its {@link TransportContext}: those every
 * endpoint has and those of {@code switchboard-transport-stream/stream.conf}, which a stream
 * transport's {@code reference.conf} includes
 * ({@code include required(classpath("switchboard-transport-stream/stream.conf"))}) and which
 * documents what each means. The address is not among them: that is the {@link StreamBinding}'s.
 *
 * @param endpoint the settings every endpoint has
 * @param framing the framing's name, as configured
 * @param codec the framing's codec, created for this endpoint
 * @param maxReplyBytes the largest reply content a service may write
 * @param backlog connections the kernel may queue before they are accepted
 * @param maxConnections open connections at most
 * @param idleTimeout how long a connection may be silent both ways; {@link Duration#ZERO} = never
 * @param frameTimeout how long a partial request may take to complete; {@link Duration#ZERO} = never
 * @param writeTimeout how long a connection's unsent replies may go without a byte of them written;
 *     {@link Duration#ZERO} = never
 * @param writeHighWatermark pending outbound bytes above which reading from a client stops
 * @param writeLowWatermark pending outbound bytes below which it resumes
 * @param sourceLimits whom the endpoint serves and what it admits from each source
 * @param proxyProtocol whether and from whom a PROXY protocol header names the client
 * @param nioOnly whether {@code io = nio}: {@code java.nio} even where the accelerated path is available
 */
public record StreamSettings(
        EndpointSettings endpoint,
        String framing,
        FrameCodec codec,
        int maxReplyBytes,
        int backlog,
        int maxConnections,
        Duration idleTimeout,
        Duration frameTimeout,
        Duration writeTimeout,
        int writeHighWatermark,
        int writeLowWatermark,
        SourceLimits sourceLimits,
        ProxyProtocol proxyProtocol,
        boolean nioOnly) {

    /** The largest {@code max-message-bytes}. */
    public static final int MAX_MESSAGE_LIMIT = 16 << 20;
    /** The largest {@code max-reply-bytes}: each event loop may hold a reply this large. */
    public static final int MAX_REPLY_LIMIT = 64 << 20;
    /**
     * {@code max-reply-bytes} unset is this many times {@code max-message-bytes}: room for a service
     * that answers with more than it got (upper-casing Unicode text can triple it).
     */
    private static final int DEFAULT_REPLY_FACTOR = 3;
    private static final int MAX_WATERMARK = 1 << 30;
    private static final Duration MAX_TIMEOUT = Duration.ofDays(365);

    /** Checks that nothing is null and that the low watermark is below the high one. */
    public StreamSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(frameTimeout, "frameTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(sourceLimits, "sourceLimits");
        Objects.requireNonNull(proxyProtocol, "proxyProtocol");
        if (writeLowWatermark >= writeHighWatermark) {
            throw new IllegalArgumentException("the low watermark " + writeLowWatermark
                    + " must be below the high one " + writeHighWatermark);
        }
    }

    /**
     * Reads every stream setting, creating the framing's codec through
     * {@link TransportContext#frameCodec(String, int)}.
     *
     * @param context the endpoint's context: its settings and the framings it may name
     * @return the validated settings
     * @throws dev.switchboard.api.SettingsException naming the bad value, or the unknown framing
     *     with those available
     */
    public static StreamSettings from(TransportContext context) {
        Settings settings = context.settings();
        EndpointSettings endpoint = EndpointSettings.from(settings, MAX_MESSAGE_LIMIT);
        String framing = settings.string("framing");
        FrameCodec codec = context.frameCodec("framing", endpoint.maxMessageBytes());
        int maxReplyBytes = settings.has("max-reply-bytes")
                ? (int) settings.bytes("max-reply-bytes", 0, MAX_REPLY_LIMIT)
                : (int) Math.min(MAX_REPLY_LIMIT, (long) DEFAULT_REPLY_FACTOR * endpoint.maxMessageBytes());
        int backlog = settings.integer("backlog", 1, 1 << 16);
        int maxConnections = settings.integer("max-connections", 1, 1 << 24);
        Duration idleTimeout = timeout(settings, "idle-timeout");
        Duration frameTimeout = timeout(settings, "frame-timeout");
        Duration writeTimeout = timeout(settings, "write-timeout");
        int high = (int) settings.bytes("write-high-watermark", 1, MAX_WATERMARK);
        int low = (int) settings.bytes("write-low-watermark", 0, MAX_WATERMARK);
        if (low >= high) {
            throw settings.invalid("write-low-watermark",
                    "a size below write-high-watermark (" + high + " bytes)");
        }
        return new StreamSettings(endpoint, framing, codec, maxReplyBytes, backlog, maxConnections, idleTimeout,
                frameTimeout, writeTimeout, high, low, SourceLimits.from(settings),
                settings.has("proxy-protocol") ? ProxyProtocol.from(settings) : ProxyProtocol.OFF,
                settings.oneOf("io", List.of("auto", "nio")).equals("nio"));
    }

    private static Duration timeout(Settings settings, String key) {
        Duration timeout = settings.duration(key);
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw settings.invalid(key, "a duration of at most 365 days, or 0 for never");
        }
        return timeout;
    }
}
