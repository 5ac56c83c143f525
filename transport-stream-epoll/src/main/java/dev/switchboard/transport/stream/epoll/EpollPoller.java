package dev.switchboard.transport.stream.epoll;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.switchboard.transport.sockaddr.Errno;
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
 * One event loop's epoll set, edge-triggered, with an eventfd to wake it: each wait reports every
 * connection whose state changed, found by its descriptor in an array. The connections' reads and
 * writes go through here too, with the loop's native scratch memory; nothing is allocated per call
 * (see {@link Syscalls} for why the calls made per request do not capture {@code errno}).
 *
 * <p>Edge-triggered, as Netty's epoll transport was before 4.2: a level-triggered set puts every
 * connection a wait reports back on its ready list, and the next wait polls each again in the
 * kernel, mostly to find it no longer ready. An edge is reported once, so this poller remembers
 * what it has not seen read to the end ({@link EpollSocket#mayRead}): set by a reported edge,
 * cleared by a read that leaves room in its buffer (the socket had no more, unless its client shut
 * its side: then until the read that finds the end of the stream, as an edge may have reported both
 * at once) or finds nothing. A connection that may still have input and wants to read is visited
 * again after the next wait, which then does not block: once per wait, as with level triggering, so
 * a client that keeps sending does not starve the others. Reading interest is kept here, without a
 * system call: a paused connection stays in the set, and reading resumes with a visit if an edge
 * came meanwhile. Writing interest is the set's {@code EPOLLOUT}, changed with {@code epoll_ctl},
 * which reports a connection already writable.
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
    /** The connections to visit after the next wait: they may have input left, and want to read. */
    private EpollSocket[] revisit = new EpollSocket[64];
    private int revisits;
    /** Those of the current poll, taken from {@link #revisit} before its wait. */
    private EpollSocket[] visiting = new EpollSocket[64];

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
            epfd = Syscalls.epollCreate1(capture, Syscalls.EPOLL_CLOEXEC);
            if (epfd < 0) {
                throw Errno.exception("epoll_create1", Syscalls.errno(capture));
            }
            wakeFd = Syscalls.eventfd(capture, 0, Syscalls.EFD_NONBLOCK | Syscalls.EFD_CLOEXEC);
            if (wakeFd < 0) {
                throw Errno.exception("eventfd", Syscalls.errno(capture));
            }
            ctl(capture, arena.allocate(16, 8), epfd, Syscalls.EPOLL_CTL_ADD, wakeFd, Syscalls.EPOLLIN);
            return new EpollPoller(epfd, wakeFd, arena);
        } catch (IOException | RuntimeException | Error e) {
            if (wakeFd >= 0) {
                Syscalls.close(wakeFd);
            }
            if (epfd >= 0) {
                Syscalls.close(epfd);
            }
            throw e;
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
        ctl(Syscalls.EPOLL_CTL_ADD, fd, events(interest)); // reports input already there
        connection.interest = interest;
    }

    @Override
    public void poll(long timeoutMillis, ReadyHandler handler) throws IOException {
        // visited after the wait; those that still have input then are visited after the next one
        int due = revisits;
        EpollSocket[] dueNow = revisit;
        revisit = visiting;
        visiting = dueNow;
        revisits = 0;
        int ready = Syscalls.epollWaitFast(epfd, events, MAX_EVENTS,
                due > 0 ? 0 : timeoutMillis == 0 ? -1 : (int) Math.min(timeoutMillis, Integer.MAX_VALUE));
        if (ready < 0) { // interrupted by a signal, most likely: ask again without waiting, to learn why
            ready = Syscalls.epollWait(capture, epfd, events, MAX_EVENTS, 0);
        }
        if (ready < 0) {
            int errno = Syscalls.errno(capture);
            if (errno != Syscalls.EINTR) {
                throw Errno.exception("epoll_wait", errno);
            }
            ready = 0;
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
            int ops = (happened & (Syscalls.EPOLLERR | Syscalls.EPOLLHUP)) != 0 ? READ | WRITE
                    : ((happened & Syscalls.EPOLLIN) != 0 ? READ : 0) | ((happened & Syscalls.EPOLLOUT) != 0 ? WRITE : 0);
            if ((ops & READ) != 0) {
                connection.mayRead = true;
            }
            if ((happened & (Syscalls.EPOLLRDHUP | Syscalls.EPOLLERR | Syscalls.EPOLLHUP)) != 0) {
                connection.inputShut = true;
            }
            if ((ops & connection.interest) != 0) {
                handler.ready(connection, ops & connection.interest);
            }
            revisitIfUnread(connection);
        }
        for (int i = 0; i < due; i++) {
            EpollSocket connection = visiting[i];
            visiting[i] = null;
            connection.revisiting = false;
            if (connection.fd >= 0 && connection.mayRead && (connection.interest & READ) != 0) {
                handler.ready(connection, READ);
                revisitIfUnread(connection);
            }
        }
    }

    /** Visits {@code connection} after the next wait if it may have input left and wants to read. */
    private void revisitIfUnread(EpollSocket connection) {
        if (connection.mayRead && (connection.interest & READ) != 0 && !connection.revisiting && connection.fd >= 0) {
            connection.revisiting = true;
            if (revisits == revisit.length) {
                revisit = Arrays.copyOf(revisit, 2 * revisits);
            }
            revisit[revisits++] = connection;
        }
    }

    /**
     * Reads the eventfd empty, then lets the next {@link #wakeUp()} write again: in this order, a
     * wake-up that finds one pending has its task posted before this poll returns, so the loop runs
     * it; the other order could consume a wake-up written after the flag was cleared and leave the
     * flag set with nothing to read, and the loop would sleep through the next tasks.
     */
    private void consumeWakeUp() {
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
                long ignored = Syscalls.write(wakeCapture, wakeFd, one.address(), 8L);
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

    /**
     * Changes what the poller watches {@code connection} for: writing with {@code epoll_ctl}, reading
     * here, visiting it after the next wait if an edge came while it did not read.
     */
    void change(EpollSocket connection, int fd, int ops) throws IOException {
        int before = connection.interest;
        if (ops == before) {
            return;
        }
        if (((ops ^ before) & WRITE) != 0) {
            ctl(Syscalls.EPOLL_CTL_MOD, fd, events(ops));
        }
        connection.interest = ops;
        revisitIfUnread(connection);
    }

    /** Reads; a read that fills {@code into} leaves the connection to be read again. */
    int read(EpollSocket connection, int fd, ByteBuffer into) throws IOException {
        int position = into.position();
        long room = into.limit() - position;
        long read;
        if (into.isDirect()) {
            long address = reads.of(into);
            read = Syscalls.recvFast(fd, address, room);
            if (read < 0) {
                // Again, to learn why. A pending socket error (a reset) is reported once: the second
                // read finds the end of the stream instead, and the connection ends as if closed.
                read = Syscalls.recv(capture, fd, address, room);
            }
        } else {
            read = Syscalls.recv(capture, fd, MemorySegment.ofBuffer(into), room);
        }
        if (read > 0) {
            into.position(position + (int) read);
            if (read < room && !connection.inputShut) { // TCP returns less than asked only once it has nothing more
                connection.mayRead = false;
            } else {
                revisitIfUnread(connection);
            }
            return (int) read;
        }
        if (read == 0) {
            return room == 0 ? 0 : -1;
        }
        int errno = Syscalls.errno(capture);
        if (errno == Syscalls.EAGAIN) {
            connection.mayRead = false;
            return 0;
        }
        if (errno == Syscalls.EINTR) {
            revisitIfUnread(connection);
            return 0;
        }
        throw Errno.exception("read", errno);
    }

    private static void read(int fd, MemorySegment into) {
        long ignored = Syscalls.readFast(fd, into.address(), into.byteSize());
    }

    int write(int fd, ByteBuffer from) throws IOException {
        int position = from.position();
        long length = from.limit() - position;
        long written;
        if (from.isDirect()) {
            long address = writes.of(from);
            written = Syscalls.sendFast(fd, address, length, Syscalls.MSG_NOSIGNAL);
            if (written < 0) { // again, to learn why: a reset is then "Broken pipe", as the peer is gone either way
                written = Syscalls.send(capture, fd, address, length, Syscalls.MSG_NOSIGNAL);
            }
        } else {
            written = Syscalls.send(capture, fd, MemorySegment.ofBuffer(from), length, Syscalls.MSG_NOSIGNAL);
        }
        if (written >= 0) {
            from.position(position + (int) written);
            return (int) written;
        }
        int errno = Syscalls.errno(capture);
        if (errno == Syscalls.EAGAIN || errno == Syscalls.EINTR) {
            return 0;
        }
        throw Errno.exception("write", errno);
    }

    void shutdownOutput(int fd) throws IOException {
        if (Syscalls.shutdown(capture, fd, Syscalls.SHUT_WR) < 0) {
            throw Errno.exception("shutdown", Syscalls.errno(capture));
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
        if (Syscalls.epollCtl(capture, epfd, op, fd, event) < 0) {
            throw Errno.exception("epoll_ctl", Syscalls.errno(capture));
        }
    }

    /** Input is always watched, whatever the reading interest: that is kept here. */
    private static int events(int ops) {
        return Syscalls.EPOLLIN | Syscalls.EPOLLRDHUP | Syscalls.EPOLLET | ((ops & WRITE) != 0 ? Syscalls.EPOLLOUT : 0);
    }
}
