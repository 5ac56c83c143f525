package dev.switchboard.transport.stream;

import dev.switchboard.transport.stream.io.Poller;
import dev.switchboard.transport.stream.io.StreamSocket;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/**
 * A {@link Poller} over a {@link Selector}: each key's attachment is its {@link NioSocket}, whose
 * own attachment is the loop's.
 */
final class NioPoller implements Poller {

    private final Selector selector;
    /** Built once, so that a poll allocates nothing; the handler of the poll under way. */
    private final Consumer<SelectionKey> dispatch = this::dispatch;
    private ReadyHandler handler;

    private NioPoller(Selector selector) {
        this.selector = selector;
    }

    static NioPoller open() throws IOException {
        return new NioPoller(Selector.open());
    }

    @Override
    public void register(StreamSocket socket, int interest, Object attachment) throws IOException {
        NioSocket nio = (NioSocket) socket;
        nio.attachment = attachment;
        nio.key = nio.channel.register(selector, interest, nio);
    }

    @Override
    public void poll(long timeoutMillis, ReadyHandler ready) throws IOException {
        handler = ready;
        selector.select(dispatch, timeoutMillis);
    }

    private void dispatch(SelectionKey key) {
        handler.ready((StreamSocket) key.attachment(), key.readyOps());
    }

    @Override
    public void wakeUp() {
        selector.wakeup();
    }

    @Override
    public void forEach(Consumer<StreamSocket> action) {
        for (SelectionKey key : selector.keys()) {
            action.accept((StreamSocket) key.attachment());
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
    }
}
