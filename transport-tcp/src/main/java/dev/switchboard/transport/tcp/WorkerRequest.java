package dev.switchboard.transport.tcp;

import java.nio.ByteBuffer;

/**
 * One request of a blocking service, on its way to a worker thread and back: the event loop
 * creates it with a copy of the request, a worker fills in the outcome, and the loop sends it.
 * The hand-off through the loop's task queue makes the worker's writes visible to the loop.
 */
final class WorkerRequest implements Runnable {

    final EventLoop loop;
    final Connection connection;
    final ByteBuffer request;
    /** The length of the request's trailer (its line terminator), which the reply repeats. */
    final int trailer;
    private final Workers workers;

    /** The framed reply, or null for none. */
    ByteBuffer reply;
    /** What the service threw, or null. */
    Throwable failure;

    WorkerRequest(EventLoop loop, Workers workers, Connection connection, ByteBuffer request, int trailer) {
        this.loop = loop;
        this.workers = workers;
        this.connection = connection;
        this.request = request;
        this.trailer = trailer;
    }

    /** Runs on a worker thread: handles the request, then hands the outcome back to the loop. */
    @Override
    public void run() {
        workers.handle(this);
        loop.execute(() -> loop.complete(this));
    }
}
