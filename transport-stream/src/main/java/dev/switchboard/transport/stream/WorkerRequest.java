package dev.switchboard.transport.stream;

import java.nio.ByteBuffer;

/**
 * One request of a blocking service, on its way to a worker thread and back: the loop creates it
 * with a copy of the request, a worker fills in the outcome, and the loop sends it. The hand-off
 * through the loop's task queue makes the worker's writes visible to the loop.
 */
final class WorkerRequest implements Runnable {

    final Connection connection;
    final ByteBuffer request;
    /** The length of the request's trailer, for the codec to frame the reply to match. */
    final int trailer;
    private final WorkerLane lane;

    /** The framed reply, or null for none. */
    ByteBuffer reply;
    /** What the service threw, or null. */
    Throwable failure;

    WorkerRequest(WorkerLane lane, Connection connection, ByteBuffer request, int trailer) {
        this.lane = lane;
        this.connection = connection;
        this.request = request;
        this.trailer = trailer;
    }

    /** Runs on a worker thread. */
    @Override
    public void run() {
        lane.answer(this);
    }
}
