package dev.switchboard.transport;

import java.io.Closeable;
import java.io.IOException;

/** Closing what may fail to close when nothing more can be done about it. */
public final class Closeables {

    private Closeables() {}

    /**
     * Closes {@code closeable}, ignoring a failure: for a connection being dropped or turned away,
     * whose close can only fail because it is already broken.
     *
     * @param closeable what to close; may be null
     */
    public static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) { // nothing more can be done for it
        }
    }
}
