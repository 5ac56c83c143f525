package dev.switchboard.transport.stream;

import dev.switchboard.api.RequestContext;
import dev.switchboard.transport.SourceKey;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import dev.switchboard.transport.stream.io.StreamSocket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One client connection, owned by one loop: only that loop's thread touches it, so nothing here is
 * synchronized, but for {@link #claimEnd()}. An idle connection costs this object and its socket
 * (with {@code java.nio}, its channel and key): buffers exist only while a partial request or an
 * unsent reply needs them.
 */
final class Connection {

    /** Where a connection is in its life. */
    enum State {
        /** Reading and answering requests. */
        OPEN,
        /** The transport is stopping: no more reads, but requests already received are answered. */
        DRAINING,
        /** Refused, failed or ended by its client: the replies already due go out, then it closes. */
        CLOSING,
        /** Our side is shut (FIN sent); what the client still sends is read and discarded until it closes. */
        LINGERING,
        CLOSED
    }

    /** Where a connection is with the PROXY protocol ({@link ProxyHeaderStage}). */
    enum ProxyStage {
        /** Past it, or not concerned: its bytes go to the framing. */
        NONE,
        /** A trusted balancer's: its first bytes must be a header. */
        EXPECTED,
        /** Not a balancer's, on an endpoint that reads headers: its first bytes must not be one. */
        SCREENED
    }

    /** At most this many bytes of a partial request are carried in a field instead of a buffer. */
    static final int CARRY_BYTES = 3;

    private static final VarHandle ENDED;

    static {
        try {
            ENDED = MethodHandles.lookup().findVarHandle(Connection.class, "ended", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final StreamSocket socket;
    /** Its peer and local address; behind a balancer, the peer is the client its PROXY protocol header named. */
    RequestContext context;
    /** The source its end is counted out of; null for a peer that is not IP, or a balancer's before its header. */
    SourceKey source;
    ProxyStage proxyStage = ProxyStage.NONE;

    State state = State.OPEN;
    /** The client shut its output (read returned -1). */
    boolean peerClosed;
    /** Reading stopped because more than the high watermark of replies is pending. */
    boolean readPaused;
    /** Reading stopped because the process's memory budget is near and this connection holds much. */
    boolean memoryPaused;
    /** When the last byte came in or went out, in {@link System#nanoTime()} terms. */
    long lastActivity;
    /** While replies are unsent: when they became pending or a byte of them was last written. */
    long lastWriteProgress;
    /** When the partial request now held began to arrive, or when lingering began. */
    long since;

    /** Input held over from earlier reads: up to {@link #CARRY_BYTES} packed here, more in {@link #inbound}. */
    private int carry;
    private int carryCount;
    /** Input held over, in fill mode (bytes from 0 to position), or null. */
    ByteBuffer inbound;
    /** Reply bytes the socket did not take yet, in fill mode, or null. */
    ByteBuffer outbound;

    /** A request of this connection is at a worker; later ones wait in {@link #waiting}, in order. */
    boolean atWorker;
    ArrayDeque<WorkerRequest> waiting;
    int waitingBytes;

    /** Whether its end has been counted: by its loop, or by a stop that gave up on a stuck loop. */
    @SuppressWarnings("unused") // through ENDED
    private volatile boolean ended;

    Connection(StreamSocket socket, RequestContext context, SourceKey source, long now) {
        this.socket = socket;
        this.context = context;
        this.source = source;
        this.lastActivity = now;
    }

    /** @return whether requests received from now on are still to be answered */
    boolean isTakingRequests() {
        return state == State.OPEN || state == State.DRAINING;
    }

    /** @return whether requests are decoded from this connection's input now */
    boolean isDecoding() {
        return isTakingRequests() && !readPaused && !memoryPaused;
    }

    /** @return whether the loop should read from the socket */
    boolean wantsInput() {
        return state == State.OPEN && !readPaused && !memoryPaused || state == State.LINGERING;
    }

    /** @return bytes waiting to be sent or handled: the unsent replies and the requests waiting for a worker */
    int pendingBytes() {
        return (outbound == null ? 0 : outbound.position()) + waitingBytes;
    }

    /** @return whether every request received has been answered and every reply sent */
    boolean isSettled() {
        return outbound == null && !atWorker && waiting == null && !readPaused && !memoryPaused;
    }

    /** @return the bytes of the buffers this connection holds: unsent replies, waiting requests, held input */
    long heldBytes() {
        return (outbound == null ? 0 : outbound.capacity()) + waitingBytes + (inbound == null ? 0 : inbound.capacity());
    }

    /** @return whether input from earlier reads is held */
    boolean holdsInput() {
        return carryCount > 0 || inbound != null;
    }

    /** Holds the remaining bytes of {@code in}, at most {@link #CARRY_BYTES}, without a buffer. */
    void carry(ByteBuffer in) {
        carryCount = in.remaining();
        carry = 0;
        while (in.hasRemaining()) {
            carry = carry << 8 | in.get() & 0xFF;
        }
    }

    /** Moves the carried bytes, if any, into {@code out}. */
    void takeCarry(ByteBuffer out) {
        for (int i = carryCount - 1; i >= 0; i--) {
            out.put((byte) (carry >>> 8 * i));
        }
        carryCount = 0;
    }

    /** Forgets the input held from earlier reads, releasing its buffer. */
    void releaseInput(BufferGauge gauge) {
        gauge.release(inbound);
        inbound = null;
        carryCount = 0;
    }

    /** Forgets the replies not yet sent, releasing their buffer. */
    void releaseOutput(BufferGauge gauge) {
        gauge.release(outbound);
        outbound = null;
    }

    /** Forgets the requests waiting for a worker, releasing their copies. */
    void releaseWaiting(BufferGauge gauge) {
        if (waiting != null) {
            waiting.forEach(work -> gauge.release(work.request));
            waiting = null;
            waitingBytes = 0;
        }
    }

    /**
     * Claims the counting of this connection's end. Safe from any thread: the loop and a stop that
     * gives up on the loop may both close the channel, and only one may count it.
     *
     * @return {@code true} for the first caller only
     */
    boolean claimEnd() {
        return ENDED.compareAndSet(this, false, true);
    }
}
