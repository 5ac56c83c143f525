package dev.switchboard.launcher.reload;

import static java.lang.System.Logger.Level.ERROR;

/**
 * Runs reloads on a thread of their own, one at a time: a request while one runs makes exactly one
 * more run after it, however many arrive (they are coalesced), so that the last edit is always
 * applied. Requests come from the signal handler's thread, which must not wait.
 */
public final class Reloads {

    private static final System.Logger LOG = System.getLogger("switchboard.launcher");

    private final Runnable reload;
    private boolean requested;
    private Thread thread;

    /** @param reload what one reload does; its failures are its own to log */
    public Reloads(Runnable reload) {
        this.reload = reload;
    }

    /** Asks for a reload; returns at once. Safe from any thread. */
    public synchronized void request() {
        requested = true;
        if (thread == null) {
            thread = new Thread(this::run, "switchboard-reload");
            thread.setDaemon(true);
            thread.start();
        }
        notifyAll();
    }

    private void run() {
        while (true) {
            synchronized (this) {
                while (!requested) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                requested = false;
            }
            try {
                reload.run();
            } catch (RuntimeException e) {
                LOG.log(ERROR, "the reload failed: " + e, e);
            }
        }
    }
}
