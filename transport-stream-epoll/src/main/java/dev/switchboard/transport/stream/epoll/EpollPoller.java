package dev.switchboard.transport.stream.epoll;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.switchboard.transport.stream.io.Poller;
import dev.switchboard.transport.stream.io.StreamSocket;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One event loop's epoll set, level-triggered, with an eventfd to wake it: a connection is
 * registered with the operations it is interested in ({@code epoll_ctl} only when they change, and
 * taken out of the set while it is interested in none, as {@code java.nio} does), and each wait
 * reports every ready connection, found by its descriptor in an array. The connections' reads and
 * writes go through here too, with the loop's native scratch memory; nothing is allocated per call
 * (see {@link Syscalls} for why the calls made per request do not capture {@code errno}).
 *
 * <p>Level-triggered, as {@code java.nio}'s selector is: the loop reads once per readiness and
 * pauses a connection by dropping its read interest, which is exactly what level triggering expresses;
 * edge triggering would need a read until {@code EAGAIN} (one more system call per request) or a
 * read of its own whenever reading resumes, for the same one wait, one read and one write per request.
 */
final class EpollPoller implements Poller {

    private static final int MAX_EVENTS = 256;

    private final int epfd;
    private final int wakeFd;
    private final MemorySegment events;
    private final MemorySegment capture;
    private final MemorySegment ctlEvent;
    private final MemorySegment counter;
    private final MemorySegment wakeCapture;
    private final MemorySegment one;
    private final BufferAddresses reads = new BufferAddresses();
    private final BufferAddresses writes = new BufferAddresses();
    /** Whether a wake-up is written and not yet consumed: later ones need no system call. */
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final Object closeLock = new Object();
    private boolean closed;
    /** The registered connections by descriptor. */
    private EpollSocket[] byFd = new EpollSocket[256];

    private EpollPoller(int epfd, int wakeFd, Arena arena) {
        this.epfd = epfd;
        this.wakeFd = wakeFd;
        this.events = arena.allocate((long) MAX_EVENTS * Syscalls.EPOLL_EVENT_BYTES, 8);
        this.capture = arena.allocate(Syscalls.CAPTURE);
        this.ctlEvent = arena.allocate(16, 8);
        this.counter = arena.allocate(JAVA_LONG);
        this.wakeCapture = arena.allocate(Syscalls.CAPTURE);
        this.one = arena.allocate(JAVA_LONG);
        one.set(JAVA_LONG, 0, 1L);
    }

    /**
     * @return a new poller with its eventfd in its epoll set
     * @throws IOException if either cannot be created
     */
    static EpollPoller open() throws IOException {
        // freed by the collector: a late wakeUp() from another thread never touches freed memory
        Arena arena = Arena.ofAuto();
        MemorySegment capture = arena.allocate(Syscalls.CAPTURE);
        int epfd = -1;
        int wakeFd = -1;
        try {
            epfd = (int) Syscalls.EPOLL_CREATE1.invokeExact(capture, Syscalls.EPOLL_CLOEXEC);
            if (epfd < 0) {
                throw Errors.exception("epoll_create1", Syscalls.errno(capture));
            }
            wakeFd = (int) Syscalls.EVENTFD.invokeExact(capture, 0, Syscalls.EFD_NONBLOCK | Syscalls.EFD_CLOEXEC);
            if (wakeFd < 0) {
                throw Errors.exception("eventfd", Syscalls.errno(capture));
            }
            ctl(capture, arena.allocate(16, 8), epfd, Syscalls.EPOLL_CTL_ADD, wakeFd, Syscalls.EPOLLIN);
            return new EpollPoller(epfd, wakeFd, arena);
        } catch (Throwable e) {
            if (wakeFd >= 0) {
                Syscalls.close(wakeFd);
            }
            if (epfd >= 0) {
                Syscalls.close(epfd);
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw Syscalls.rethrow(e);
        }
    }

    @Override
    public void register(StreamSocket socket, int interest, Object attachment) throws IOException {
        EpollSocket connection = (EpollSocket) socket;
        int fd = connection.fd;
        if (fd < 0) {
            throw new ClosedChannelException();
        }
        connection.poller = this;
        connection.attachment = attachment;
        if (fd >= byFd.length) {
            byFd = Arrays.copyOf(byFd, Math.max(fd + 1, 2 * byFd.length));
        }
        byFd[fd] = connection;
        if (interest != 0) {
            ctl(Syscalls.EPOLL_CTL_ADD, fd, events(interest));
        }
        connection.interest = interest;
    }

    @Override
    public void poll(long timeoutMillis, ReadyHandler handler) throws IOException {
        int ready;
        try {
            ready = (int) Syscalls.EPOLL_WAIT_FAST.invokeExact(epfd, events, MAX_EVENTS,
                    (int) Math.min(timeoutMillis, Integer.MAX_VALUE));
            if (ready < 0) { // interrupted by a signal, most likely: ask again without waiting, to learn why
                ready = (int) Syscalls.EPOLL_WAIT.invokeExact(capture, epfd, events, MAX_EVENTS, 0);
            }
        } catch (Throwable e) {
            throw Syscalls.rethrow(e);
        }
        if (ready < 0) {
            int errno = Syscalls.errno(capture);
            if (errno == Syscalls.EINTR) {
                return;
            }
            throw Errors.exception("epoll_wait", errno);
        }
        for (int i = 0; i < ready; i++) {
            long at = (long) i * Syscalls.EPOLL_EVENT_BYTES;
            int fd = events.get(JAVA_INT, at + Syscalls.EPOLL_DATA_OFFSET);
            int happened = events.get(JAVA_INT, at);
            if (fd == wakeFd) {
                consumeWakeUp();
                continue;
            }
            // a connection closed while handling an earlier event of this batch is no longer in the array
            EpollSocket connection = fd < byFd.length ? byFd[fd] : null;
            if (connection == null) {
                continue;
            }
            int interest = connection.interest;
            int ops = (happened & (Syscalls.EPOLLERR | Syscalls.EPOLLHUP)) != 0 ? interest
                    : ((happened & Syscalls.EPOLLIN) != 0 ? READ : 0) | ((happened & Syscalls.EPOLLOUT) != 0 ? WRITE : 0);
            if ((ops & interest) != 0) {
                handler.ready(connection, ops & interest);
            }
        }
    }

    /**
     * Reads the eventfd empty, then lets the next {@link #wakeUp()} write again: in this order, a
     * wake-up that finds one pending has its task posted before this poll returns, so the loop runs
     * it; the other order could consume a wake-up written after the flag was cleared and leave the
     * flag set with nothing to read, and the loop would sleep through the next tasks.
     */
    private void consumeWakeUp() throws IOException {
        read(wakeFd, counter);
        wakePending.set(false);
    }

    @Override
    public void wakeUp() {
        if (wakePending.getAndSet(true)) {
            return;
        }
        synchronized (closeLock) { // the descriptor's number could be another file's once closed
            if (!closed) {
                try {
                    long ignored = (long) Syscalls.WRITE.invokeExact(wakeCapture, wakeFd, one.address(), 8L);
                } catch (Throwable e) {
                    throw Syscalls.rethrow(e);
                }
            }
        }
    }

    @Override
    public void forEach(Consumer<StreamSocket> action) {
        for (EpollSocket connection : byFd) {
            if (connection != null) {
                action.accept(connection);
            }
        }
    }

    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
            Syscalls.close(wakeFd);
            Syscalls.close(epfd);
        }
    }

    /** A connection closes: it is no longer reported. */
    void forget(int fd, EpollSocket connection) {
        EpollSocket[] registered = byFd;
        if (fd < registered.length && registered[fd] == connection) {
            registered[fd] = null;
        }
    }

    /** Changes what the poller watches {@code connection} for. */
    void change(EpollSocket connection, int fd, int ops) throws IOException {
        int before = connection.interest;
        if (ops == before) {
            return;
        }
        int op = ops == 0 ? Syscalls.EPOLL_CTL_DEL : before == 0 ? Syscalls.EPOLL_CTL_ADD : Syscalls.EPOLL_CTL_MOD;
        ctl(op, fd, events(ops));
        connection.interest = ops;
    }

    int read(int fd, ByteBuffer into) throws IOException {
        int position = into.position();
        long room = into.limit() - position;
        long read;
        try {
            if (into.isDirect()) {
                long address = reads.of(into);
                read = (long) Syscalls.READ_FAST.invokeExact(fd, address, room);
                if (read < 0) {
                    // Again, to learn why. A pending socket error (a reset) is reported once: the second
                    // read finds the end of the stream instead, and the connection ends as if closed.
                    read = (long) Syscalls.READ.invokeExact(capture, fd, address, room);
                }
            } else {
                read = (long) Syscalls.READ_SEGMENT.invokeExact(capture, fd, MemorySegment.ofBuffer(into), room);
            }
        } catch (Throwable e) {
            throw Syscalls.rethrow(e);
        }
        if (read > 0) {
            into.position(position + (int) read);
            return (int) read;
        }
        if (read == 0) {
            return room == 0 ? 0 : -1;
        }
        int errno = Syscalls.errno(capture);
        if (errno == Syscalls.EAGAIN || errno == Syscalls.EINTR) {
            return 0;
        }
        throw Errors.exception("read", errno);
    }

    private void read(int fd, MemorySegment into) throws IOException {
        try {
            long ignored = (long) Syscalls.READ_FAST.invokeExact(fd, into.address(), into.byteSize());
        } catch (Throwable e) {
            throw Syscalls.rethrow(e);
        }
    }

    int write(int fd, ByteBuffer from) throws IOException {
        int position = from.position();
        long length = from.limit() - position;
        long written;
        try {
            if (from.isDirect()) {
                long address = writes.of(from);
                written = (long) Syscalls.SEND_FAST.invokeExact(fd, address, length, Syscalls.MSG_NOSIGNAL);
                if (written < 0) { // again, to learn why: a reset is then "Broken pipe", as the peer is gone either way
                    written = (long) Syscalls.SEND.invokeExact(capture, fd, address, length, Syscalls.MSG_NOSIGNAL);
                }
            } else {
                written = (long) Syscalls.SEND_SEGMENT.invokeExact(capture, fd, MemorySegment.ofBuffer(from), length,
                        Syscalls.MSG_NOSIGNAL);
            }
        } catch (Throwable e) {
            throw Syscalls.rethrow(e);
        }
        if (written >= 0) {
            from.position(position + (int) written);
            return (int) written;
        }
        int errno = Syscalls.errno(capture);
        if (errno == Syscalls.EAGAIN || errno == Syscalls.EINTR) {
            return 0;
        }
        throw Errors.exception("write", errno);
    }

    void shutdownOutput(int fd) throws IOException {
        int result;
        try {
            result = (int) Syscalls.SHUTDOWN.invokeExact(capture, fd, Syscalls.SHUT_WR);
        } catch (Throwable e) {
            throw Syscalls.rethrow(e);
        }
        if (result < 0) {
            throw Errors.exception("shutdown", Syscalls.errno(capture));
        }
    }

    private void ctl(int op, int fd, int events) throws IOException {
        ctl(capture, ctlEvent, epfd, op, fd, events);
    }

    private static void ctl(MemorySegment capture, MemorySegment event, int epfd, int op, int fd, int events)
            throws IOException {
        event.set(JAVA_INT, 0, events);
        event.set(JAVA_INT, Syscalls.EPOLL_DATA_OFFSET, fd);
        event.set(JAVA_INT, Syscalls.EPOLL_DATA_OFFSET + 4, 0);
        int result;
        try {
            result = (int) Syscalls.EPOLL_CTL.invokeExact(capture, epfd, op, fd, event);
        } catch (Throwable e) {
            throw Syscalls.rethrow(e);
        }
        if (result < 0) {
            throw Errors.exception("epoll_ctl", Syscalls.errno(capture));
        }
    }

    private static int events(int ops) {
        return ((ops & READ) != 0 ? Syscalls.EPOLLIN : 0) | ((ops & WRITE) != 0 ? Syscalls.EPOLLOUT : 0);
    }
}
