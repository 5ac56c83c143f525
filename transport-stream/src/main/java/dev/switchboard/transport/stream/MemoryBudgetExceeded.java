package dev.switchboard.transport.stream;

import java.io.IOException;

/**
 * A buffer for a connection did not fit in the process's memory budget. An {@link IOException}, so
 * that it ends the connection it arose on wherever I/O errors do; {@link Connections#lost} counts it
 * as a {@code memory-budget} refusal.
 */
final class MemoryBudgetExceeded extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param bytes the size of the buffer that did not fit */
    MemoryBudgetExceeded(long bytes) {
        super("a buffer of " + bytes + " bytes does not fit in the memory budget");
    }
}
