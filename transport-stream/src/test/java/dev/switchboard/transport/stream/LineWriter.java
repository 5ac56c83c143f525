package dev.switchboard.transport.stream;

import dev.switchboard.testkit.StreamClient;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/** A thread that sends numbered lines in batches as fast as the server takes them, until told to stop. */
final class LineWriter {

    private LineWriter() {}

    /**
     * @param client where to send
     * @param batch lines per write
     * @param line the line numbered {@code i}, its terminator included
     * @param stop set to make the thread send {@code last} and end
     * @param last the line to send once stopped, or null for none
     * @return the started thread; it ends quietly when the connection fails
     */
    static Thread start(StreamClient client, int batch, IntFunction<String> line, AtomicBoolean stop, String last) {
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; !stop.get(); ) {
                    StringBuilder lines = new StringBuilder();
                    for (int end = i + batch; i < end; i++) {
                        lines.append(line.apply(i));
                    }
                    client.send(lines.toString());
                }
                if (last != null) {
                    client.send(last);
                }
            } catch (UncheckedIOException e) { // the test ended the connection, or the server did
            }
        });
        writer.start();
        return writer;
    }
}
