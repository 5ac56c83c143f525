package dev.switchboard.soak;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A well-behaved UDP client: one socket keeping a window of requests in flight, each reply checked
 * byte for byte. UDP may drop a datagram under load, so a request unanswered within
 * {@link #TIMEOUT} is counted lost, not failed; a wrong reply is a failure, and so is a socket
 * that gets no reply at all for {@link #SILENCE} (a receive loop that stopped).
 */
final class UdpEchoClient implements SoakClient {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final Duration SILENCE = TcpEchoClient.REPLY_TIMEOUT;
    private static final int WINDOW = 8;
    private static final double REQUESTS_PER_SECOND = 100;
    private static final int MAX_BYTES = 1_400;
    private static final int RECEIVE_WAIT_MILLIS = 20;
    /** Requests counted lost whose replies may still come late, kept to recognise them. */
    private static final int REMEMBERED_LOST = 1_000;

    private final InetSocketAddress server;
    private final int number;
    private final Tally tally;
    private final Findings findings;
    private final Liveness liveness;
    private final int index;
    private final DatagramSocket socket;
    private final Pace pace = new Pace(REQUESTS_PER_SECOND);
    private final Map<Long, Pending> inFlight = new LinkedHashMap<>();
    private final Map<Long, byte[]> lost = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > REMEMBERED_LOST;
        }
    };
    private final byte[] receiveBuffer = new byte[65_535];
    private long sequence;
    private boolean silenceReported;

    /**
     * @param server the UDP endpoint's address
     * @param number which of the well-behaved UDP clients it is, for messages
     * @param tally the counts of its kind
     * @param findings where failures go
     * @param liveness every well-behaved UDP client's last answer
     * @throws IOException if the socket cannot be bound
     */
    UdpEchoClient(InetSocketAddress server, int number, Tally tally, Findings findings, Liveness liveness) throws IOException {
        this.server = server;
        this.number = number;
        this.tally = tally;
        this.findings = findings;
        this.liveness = liveness;
        this.index = liveness.register("udp");
        this.socket = new DatagramSocket(Loopback.wellBehavedSource());
        socket.setSoTimeout(RECEIVE_WAIT_MILLIS);
        tally.connections.increment(); // for UDP, a socket
    }

    @Override
    public Tally tally() {
        return tally;
    }

    @Override
    public void step(long deadline) throws IOException, InterruptedException {
        pace.await(deadline);
        if (inFlight.size() < WINDOW) {
            send();
        }
        receive();
        expire();
        checkSilence();
    }

    private void send() throws IOException {
        long n = sequence++;
        byte[] payload = Ascii.request("udp " + number + " #" + n + " ", n * 17 + number, 1 + (int) (n * 7919 % MAX_BYTES));
        socket.send(new DatagramPacket(payload, payload.length, server));
        tally.requests.increment();
        inFlight.put(n, new Pending(Ascii.upperCase(payload), System.nanoTime()));
    }

    /** Takes every reply waiting, and waits a little for one if none is. */
    private void receive() throws IOException {
        for (int i = 0; i < WINDOW; i++) {
            DatagramPacket packet = new DatagramPacket(receiveBuffer, receiveBuffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return;
            }
            byte[] reply = Arrays.copyOf(packet.getData(), packet.getLength());
            check(reply);
        }
    }

    private void check(byte[] reply) {
        Optional<Long> n = sequenceOf(reply);
        Pending pending = n.map(inFlight::remove).orElse(null);
        if (pending != null) {
            Optional<String> mismatch = ReplyCheck.mismatch(pending.expected, reply);
            if (mismatch.isPresent()) {
                fail("wrong reply to request #" + n.get() + ": " + mismatch.get());
            } else {
                tally.replies.increment();
                liveness.answered(index);
                silenceReported = false;
            }
        } else if (n.isPresent() && lost.containsKey(n.get())) {
            tally.late.increment();
            ReplyCheck.mismatch(lost.remove(n.get()), reply)
                    .ifPresent(mismatch -> fail("wrong late reply to request #" + n.get() + ": " + mismatch));
        } else {
            fail("a reply to no request of ours: " + new String(reply, 0, Math.min(reply.length, 40), US_ASCII));
        }
    }

    /** The request number the reply names: {@code "UDP 3 #17 ..."} is 17. */
    static Optional<Long> sequenceOf(byte[] reply) {
        String head = new String(reply, 0, Math.min(reply.length, 40), US_ASCII);
        int hash = head.indexOf('#');
        int space = hash < 0 ? -1 : head.indexOf(' ', hash);
        if (space < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(head.substring(hash + 1, space)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void expire() {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<Long, Pending>> i = inFlight.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<Long, Pending> entry = i.next();
            if (now - entry.getValue().sentAt < TIMEOUT.toNanos()) {
                return; // in order of sending: the rest are younger
            }
            tally.lost.increment();
            lost.put(entry.getKey(), entry.getValue().expected);
            i.remove();
        }
    }

    private void checkSilence() {
        long since = System.nanoTime() - SILENCE.toNanos();
        if (!silenceReported && liveness.lastAnswered(index) - since < 0) {
            silenceReported = true;
            fail("no reply at all for " + SILENCE.toSeconds() + " s; " + liveness.othersSince(index, since));
        }
    }

    private void fail(String what) {
        findings.failure(tally, "client " + number + ": " + what);
    }

    @Override
    public void close() {
        socket.close();
    }

    private record Pending(byte[] expected, long sentAt) {}
}
