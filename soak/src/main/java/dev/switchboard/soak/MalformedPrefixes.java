package dev.switchboard.soak;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Length prefixes with their top bit set (a negative length, which the length-prefixed framing
 * calls malformed), followed by a few bytes. The server must close each connection.
 */
final class MalformedPrefixes implements SoakClient {

    private static final double PER_SECOND = 5;
    private static final int BYTES_AFTER_PREFIX = 16;

    private final InetSocketAddress server;
    private final Tally tally;
    private final RefusalProbe probe;
    private final Pace pace = new Pace(PER_SECOND);
    private long sequence;

    /**
     * @param server the length-prefixed endpoint
     * @param tally the counts of this kind
     * @param findings where a prefix the server did not refuse goes
     */
    MalformedPrefixes(InetSocketAddress server, Tally tally, Findings findings) {
        this.server = server;
        this.tally = tally;
        this.probe = new RefusalProbe(tally, findings);
    }

    @Override
    public Tally tally() {
        return tally;
    }

    @Override
    public void step(long deadline) throws InterruptedException {
        pace.await(deadline);
        int prefix = Integer.MIN_VALUE | (int) (sequence++ * 7919);
        byte[] frame = ByteBuffer.allocate(Integer.BYTES + BYTES_AFTER_PREFIX)
                .putInt(prefix).put(Ascii.text(prefix, BYTES_AFTER_PREFIX)).array();
        probe.probe(server, frame, String.format(Locale.ROOT, "the length prefix 0x%08x", prefix));
    }

    @Override
    public void close() {
        probe.close();
    }
}
