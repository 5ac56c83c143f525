package dev.switchboard.transport.stream;

import dev.switchboard.api.Settings;
import dev.switchboard.transport.SourcePolicy;
import dev.switchboard.transport.TokenBucket;
import java.time.Duration;
import java.util.Objects;

/**
 * What a stream endpoint admits from each source: whom it serves at all and what a source is (the
 * {@link SourcePolicy} of {@code switchboard-transport/sources.conf}, which a transport on IP
 * includes; one that does not, such as a Unix-domain transport, gets {@link SourcePolicy#DEFAULT}),
 * how many connections one source may hold open and how fast it may open them. Peers that are not IP
 * have no source and are counted by {@code max-connections} alone.
 *
 * @param policy who is served and what one source is
 * @param maxConnections open connections per source at most ({@code max-connections-per-source}); 0 = no limit
 * @param connectionRate new connections per source a second, with a burst of as many
 *     ({@code max-connection-rate-per-source}); null = no limit
 * @param coolDown how long a source over its connection rate is refused ({@code connection-rate-cooldown})
 */
public record SourceLimits(SourcePolicy policy, int maxConnections, TokenBucket connectionRate, Duration coolDown) {

    private static final Duration MAX_COOL_DOWN = Duration.ofDays(1);

    /** Checks that the policy and the cool-down are not null. */
    public SourceLimits {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(coolDown, "coolDown");
    }

    /**
     * @param settings the endpoint's settings
     * @return the validated limits
     * @throws dev.switchboard.api.SettingsException naming the bad value
     */
    static SourceLimits from(Settings settings) {
        SourcePolicy policy = settings.has("allow") ? SourcePolicy.from(settings) : SourcePolicy.DEFAULT;
        int maxConnections = settings.integer("max-connections-per-source", 0, 1 << 24);
        int rate = settings.integer("max-connection-rate-per-source", 0, TokenBucket.MAX_RATE);
        Duration coolDown = settings.duration("connection-rate-cooldown");
        if (coolDown.compareTo(MAX_COOL_DOWN) > 0) {
            throw settings.invalid("connection-rate-cooldown", "a duration of at most a day, or 0 for none");
        }
        return new SourceLimits(policy, maxConnections, rate == 0 ? null : new TokenBucket(rate, rate), coolDown);
    }
}
