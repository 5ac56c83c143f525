package dev.switchboard.transport;

import dev.switchboard.api.Settings;
import java.time.Duration;

/**
 * The settings every endpoint has, whatever its transport and address family, read and validated
 * from its {@link Settings}: {@code threads}, {@code max-message-bytes}, {@code worker-threads},
 * {@code worker-queue}, {@code log-interval} and {@code blocked-thread-warning}. The shared {@code switchboard-transport/endpoint.conf}
 * declares their defaults (but for {@code max-message-bytes}, which each transport sets).
 *
 * @param threads I/O threads; {@code threads = 0} in the configuration means one per processor
 * @param maxMessageBytes the largest request accepted
 * @param workerThreads threads for blocking services
 * @param workerQueue how many requests may wait for a worker thread
 * @param logInterval the least time between two log lines about the same kind of refusal
 * @param blockedThreadWarning how long an I/O thread may stay in one service call before it is
 *     reported; {@link Duration#ZERO} = never (see {@link BlockedThreads})
 */
public record EndpointSettings(
        int threads,
        int maxMessageBytes,
        int workerThreads,
        int workerQueue,
        Duration logInterval,
        Duration blockedThreadWarning) {

    private static final Duration MAX_BLOCKED_THREAD_WARNING = Duration.ofDays(1);

    /**
     * @param settings the endpoint's settings
     * @param maxMessageLimit the largest {@code max-message-bytes} this transport can honour
     * @return the validated settings
     * @throws dev.switchboard.api.SettingsException naming the bad value
     */
    public static EndpointSettings from(Settings settings, int maxMessageLimit) {
        int threads = settings.integer("threads", 0, 1024);
        Duration blockedThreadWarning = settings.duration("blocked-thread-warning");
        if (blockedThreadWarning.compareTo(MAX_BLOCKED_THREAD_WARNING) > 0) {
            throw settings.invalid("blocked-thread-warning", "a duration of at most a day, or 0 for never");
        }
        return new EndpointSettings(
                threads == 0 ? Runtime.getRuntime().availableProcessors() : threads,
                (int) settings.bytes("max-message-bytes", 1, maxMessageLimit),
                settings.integer("worker-threads", 1, 4096),
                settings.integer("worker-queue", 1, 1 << 20),
                settings.duration("log-interval"),
                blockedThreadWarning);
    }
}
