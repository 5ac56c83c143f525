package dev.switchboard.soak;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Requests larger than the server accepts: a line longer than the largest request, and a length
 * prefix promising more than that. The server must close each connection.
 */
final class OversizedFrames implements SoakClient {

    private static final double PER_SECOND = 5;
    private static final int PAYLOAD_SENT_AFTER_PREFIX = 1_024;

    private final InetSocketAddress line;
    private final InetSocketAddress lengthPrefixed;
    private final int tooLarge;
    private final Tally tally;
    private final RefusalProbe probe;
    private final Pace pace = new Pace(PER_SECOND);
    private long sequence;

    /**
     * @param endpoints the TCP endpoints; the line and length-prefixed ones are probed
     * @param maxMessageBytes the largest request the server accepts
     * @param tally the counts of this kind
     * @param findings where a frame the server did not refuse goes
     */
    OversizedFrames(Map<Framing, InetSocketAddress> endpoints, int maxMessageBytes, Tally tally, Findings findings) {
        this.line = endpoints.get(Framing.LINE);
        this.lengthPrefixed = endpoints.get(Framing.LENGTH_PREFIXED);
        this.tooLarge = maxMessageBytes + 1;
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
        long n = sequence++;
        if (n % 2 == 0) {
            probe.probe(line, Ascii.text(n, tooLarge), "a line of " + tooLarge + " bytes");
        } else {
            byte[] frame = ByteBuffer.allocate(Integer.BYTES + PAYLOAD_SENT_AFTER_PREFIX)
                    .putInt(tooLarge).put(Ascii.text(n, PAYLOAD_SENT_AFTER_PREFIX)).array();
            probe.probe(lengthPrefixed, frame, "a length prefix of " + tooLarge);
        }
    }

    @Override
    public void close() {
        probe.close();
    }
}
