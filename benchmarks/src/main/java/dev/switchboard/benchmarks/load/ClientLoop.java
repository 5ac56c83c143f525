package dev.switchboard.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One client thread: a selector and the lanes it owns, as a server's event loop owns its
 * connections. A selector rather than a thread per connection because the client shares the
 * machine's cores with the server: one thread serving many ready connections per wake-up costs
 * far less CPU than a context switch per reply, and leaves the cores to the server under test.
 *
 * <p>Lanes with deadlines (UDP loss timeouts, open-loop send times) are checked after every
 * wake-up. In open loop a pacer thread wakes the selector at each intended send time, because
 * {@link Selector#select(long)} cannot wait for less than a millisecond.
 */
final class ClientLoop implements Runnable {

    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final Selector selector;
    private final RunControl control;
    private final Recorder recorder;
    private final List<Lane> lanes = new ArrayList<>();
    private final List<Lane> openedAtStart = new ArrayList<>();
    private final List<Lane> timed = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final Consumer<SelectionKey> onSelected = this::onSelected;
    private long pacerStart;
    private long pacerTick;

    ClientLoop(RunControl control) throws IOException {
        this.selector = Selector.open();
        this.control = control;
        this.recorder = new Recorder(control.measureFrom, control.measureUntil);
        control.watch(selector);
    }

    /**
     * @param lane a lane to drive
     * @param openAtStart whether the loop opens it when it starts (else another lane opens it)
     * @param timed whether the lane has deadlines
     */
    void add(Lane lane, boolean openAtStart, boolean timed) {
        lanes.add(lane);
        if (openAtStart) {
            openedAtStart.add(lane);
        }
        if (timed) {
            this.timed.add(lane);
        }
    }

    /** Wakes the selector every {@code tickNanos} from {@code start} on, for lanes sending on a schedule. */
    void pace(long start, long tickNanos) {
        this.pacerStart = start;
        this.pacerTick = tickNanos;
    }

    Selector selector() {
        return selector;
    }

    Recorder recorder() {
        return recorder;
    }

    /** @return the loop's buffer to read into; its content is valid until the next lane reads */
    ByteBuffer readBuffer() {
        return readBuffer.clear();
    }

    @Override
    public void run() {
        Thread pacer = pacerTick > 0 ? new Thread(this::pace, Thread.currentThread().getName() + "-pacer") : null;
        try {
            for (Lane lane : openedAtStart) {
                lane.open(this);
            }
            if (pacer != null) {
                pacer.setDaemon(true);
                pacer.start();
            }
            loop();
        } catch (Throwable e) {
            control.fail(e instanceof UncheckedIOException u ? u.getCause() : e);
        } finally {
            control.stop();
            lanes.forEach(Lane::close);
            try {
                selector.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }

    private void loop() throws IOException {
        while (!control.isStopped()) {
            long now = System.nanoTime();
            if (now >= control.measureUntil) {
                return;
            }
            long wake = control.measureUntil;
            for (Lane lane : timed) {
                wake = Math.min(wake, lane.deadline());
            }
            long wait = wake - now;
            if (wait <= 0) {
                selector.selectNow(onSelected);
            } else {
                selector.select(onSelected, Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999)));
            }
            if (!timed.isEmpty()) {
                now = System.nanoTime();
                for (Lane lane : timed) {
                    if (lane.deadline() <= now) {
                        lane.deadlineReached(now);
                    }
                }
            }
        }
    }

    private void onSelected(SelectionKey key) {
        try {
            ((Lane) key.attachment()).ready(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pace() {
        long next = pacerStart;
        while (!control.isStopped()) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            selector.wakeup();
            long now = System.nanoTime();
            while (next <= now) {
                next += pacerTick;
            }
        }
    }
}
