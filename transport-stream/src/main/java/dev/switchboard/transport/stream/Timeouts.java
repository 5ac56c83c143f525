package dev.switchboard.transport.stream;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.transport.Refusal;
import dev.switchboard.transport.stream.Connection.State;
import java.io.IOException;
import java.time.Duration;

/**
 * One loop's sweeper of timeouts: every so often it closes the connections silent for
 * {@code idle-timeout}, refuses those whose partial request did not complete within
 * {@code frame-timeout} (slowloris) and those of a balancer that sent no whole PROXY protocol
 * header within it, and closes those lingering longer than that for their client
 * to close, and those whose unsent replies saw no byte written for {@code write-timeout} (a client
 * that does not read); and it hands the partial request of a connection that waited the codec's
 * {@link dev.switchboard.api.FrameCodec#holdTimeout() hold timeout} for the rest to the codec as a
 * last frame. When, its {@link SweepSchedule} says. Used by the loop's thread only.
 */
final class Timeouts {

    private final Connections connections;
    private final Inbound inbound;
    private final Clock clock;
    private final SweepSchedule schedule;
    private final Duration idleTimeout;
    private final Duration frameTimeout;
    private final Duration writeTimeout;
    private final long idleNanos;
    private final long frameNanos;
    private final long writeNanos;
    private final long holdNanos;
    private boolean holding;

    /**
     * @param inbound decodes a partial request that waited the hold timeout
     * @param schedule when to sweep, which this sweeper keeps
     */
    Timeouts(StreamSettings settings, Connections connections, Inbound inbound, Clock clock, SweepSchedule schedule) {
        this.connections = connections;
        this.inbound = inbound;
        this.clock = clock;
        this.schedule = schedule;
        this.idleTimeout = settings.idleTimeout();
        this.frameTimeout = settings.frameTimeout();
        this.idleNanos = idleTimeout.toNanos();
        this.frameNanos = frameTimeout.toNanos();
        this.writeTimeout = settings.writeTimeout();
        this.writeNanos = writeTimeout.toNanos();
        this.holdNanos = settings.codec().holdTimeout().toNanos();
    }

    /** Sweeps if it is time to. */
    void sweepIfDue() {
        long now = clock.now();
        if (!schedule.isDue(now)) {
            return;
        }
        holding = false;
        connections.forEach(c -> {
            try {
                sweep(c, now);
            } catch (IOException e) {
                connections.lost(c, e);
            }
            holding |= c.holdsInput();
        });
        schedule.swept(now, holding);
    }

    private void sweep(Connection c, long now) throws IOException {
        if (idleNanos > 0 && now - c.lastActivity >= idleNanos) {
            connections.refuse(c, Refusal.IDLE_TIMEOUT, INFO, () -> "closed the connection from " + connections.peer(c)
                    + ": silent for " + describe(idleTimeout) + " (idle-timeout)");
            connections.close(c);
        } else if (writeNanos > 0 && c.outbound != null && now - c.lastWriteProgress >= writeNanos) {
            connections.refuse(c, Refusal.WRITE_TIMEOUT, WARNING, () -> "closed the connection from "
                    + connections.peer(c) + ": its client took no byte of its replies for " + describe(writeTimeout)
                    + " (write-timeout)");
            connections.close(c);
        } else if (holdNanos > 0 && now - c.since >= holdNanos && c.isDecoding() && c.holdsInput()) {
            inbound.decodeHeldAsLast(c);
            connections.settle(c);
        } else if (frameNanos > 0 && now - c.since >= frameNanos) {
            if (c.state == State.LINGERING) {
                connections.close(c); // the client had frame-timeout to close its side
            } else if (c.state == State.OPEN && c.proxyStage == Connection.ProxyStage.EXPECTED) {
                connections.refuse(c, Refusal.PROXY_PROTOCOL, WARNING, () -> "closing the connection from "
                        + connections.peer(c) + ": no whole PROXY protocol header within " + describe(frameTimeout)
                        + " (frame-timeout)");
                connections.settle(c);
            } else if (c.state == State.OPEN && !c.readPaused && !c.memoryPaused && c.holdsInput()) {
                connections.refuse(c, Refusal.FRAME_TIMEOUT, WARNING, () -> "closing the connection from "
                        + connections.peer(c) + ": a request did not complete within " + describe(frameTimeout)
                        + " (frame-timeout)");
                connections.settle(c);
            }
        }
    }

    /** @return such as {@code "200 ms"} or {@code "300 s"} */
    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
