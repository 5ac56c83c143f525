package dev.switchboard.transport.udp.mmsg;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.switchboard.transport.sockaddr.Errno;
import dev.switchboard.transport.sockaddr.SocketAddresses;
import dev.switchboard.transport.udp.batch.DatagramBatch;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * One thread's {@code struct mmsghdr} vectors and buffers in native memory, allocated once: a
 * receive vector whose slot {@code i} points at datagram buffer {@code i} and sender name {@code i},
 * and a send vector whose entry {@code k} points at the {@code k}-th staged reply (copied into the
 * send area) and at the name of the sender it answers, so that a reply needs no address encoding.
 * The layouts are Linux's on 64-bit targets.
 */
final class MessageBatch implements DatagramBatch {

    // struct msghdr { void *name; socklen_t namelen; struct iovec *iov; size_t iovlen; void *control;
    //                 size_t controllen; int flags; }; struct mmsghdr { struct msghdr hdr; unsigned int len; };
    private static final long MMSGHDR_BYTES = 64;
    private static final long NAME = 0;
    private static final long NAME_LENGTH = 8;
    private static final long IOV = 16;
    private static final long IOV_LENGTH = 24;
    private static final long MESSAGE_LENGTH = 56;
    // struct iovec { void *base; size_t len; };
    private static final long IOVEC_BYTES = 16;
    private static final long IOVEC_BASE = 0;
    private static final long IOVEC_LENGTH = 8;
    /** A sender's name slot: a {@code sockaddr_in6}, rounded up. */
    private static final long NAME_SLOT_BYTES = 32;
    private static final int RECEIVE_FLAGS = Syscalls.MSG_WAITFORONE | Syscalls.MSG_TRUNC;

    private final NativeDatagramSocket socket;
    private final int slots;
    private final int slotBytes;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment capture;
    private final MemorySegment receiveVector;
    private final MemorySegment sendVector;
    private final MemorySegment sendIovecs;
    private final MemorySegment names;
    private final MemorySegment sendArea;
    private final MemorySegment lastName;
    private final ByteBuffer[] datagrams;
    private final ByteBuffer sendView;
    private final long nativeBytes;

    private int received;
    private int staged;
    private int sendAreaUsed;
    private int lastNameLength;
    private InetSocketAddress lastSender;

    /** @throws IOException if the datagram buffers cannot be mapped */
    MessageBatch(NativeDatagramSocket socket, int slots, int slotBytes, int sendAreaBytes) throws IOException {
        this.socket = socket;
        this.slots = slots;
        this.slotBytes = slotBytes;
        this.capture = arena.allocate(Syscalls.CAPTURE);
        this.receiveVector = arena.allocate(slots * MMSGHDR_BYTES, 8);
        this.sendVector = arena.allocate(slots * MMSGHDR_BYTES, 8);
        MemorySegment receiveIovecs = arena.allocate(slots * IOVEC_BYTES, 8);
        this.sendIovecs = arena.allocate(slots * IOVEC_BYTES, 8);
        this.names = arena.allocate(slots * NAME_SLOT_BYTES, 8);
        this.lastName = arena.allocate(NAME_SLOT_BYTES, 8);
        MemorySegment data;
        try {
            data = pages((long) slots * slotBytes);
            this.sendArea = pages(sendAreaBytes);
        } catch (IOException e) {
            arena.close();
            throw e;
        }
        this.sendView = sendArea.asByteBuffer();
        this.datagrams = new ByteBuffer[slots];
        for (int i = 0; i < slots; i++) {
            MemorySegment buffer = data.asSlice((long) i * slotBytes, slotBytes);
            datagrams[i] = buffer.asByteBuffer();
            MemorySegment iovec = receiveIovecs.asSlice(i * IOVEC_BYTES, IOVEC_BYTES);
            iovec.set(ADDRESS, IOVEC_BASE, buffer);
            iovec.set(JAVA_LONG, IOVEC_LENGTH, slotBytes);
            long header = i * MMSGHDR_BYTES;
            receiveVector.set(ADDRESS, header + NAME, names.asSlice(i * NAME_SLOT_BYTES, NAME_SLOT_BYTES));
            receiveVector.set(JAVA_INT, header + NAME_LENGTH, SocketAddresses.IPV6_BYTES);
            receiveVector.set(ADDRESS, header + IOV, iovec);
            receiveVector.set(JAVA_LONG, header + IOV_LENGTH, 1);
            sendVector.set(ADDRESS, header + IOV, sendIovecs.asSlice(i * IOVEC_BYTES, IOVEC_BYTES));
            sendVector.set(JAVA_LONG, header + IOV_LENGTH, 1);
        }
        this.nativeBytes = receiveVector.byteSize() + sendVector.byteSize() + receiveIovecs.byteSize()
                + sendIovecs.byteSize() + names.byteSize() + lastName.byteSize() + data.byteSize() + sendArea.byteSize();
    }

    /**
     * Fresh pages of the arena's, unmapped when it closes. The kernel maps each on its first touch,
     * zeroed, so a loop's buffers (1.25 MiB with the default 64 KiB datagrams) cost memory only as
     * far as datagrams fill them; an arena's own allocation writes zeros over all of it at once,
     * which was a visible part of the start.
     */
    private MemorySegment pages(long bytes) throws IOException {
        long address = Syscalls.mapPages(capture, bytes);
        if (address == -1) {
            throw Errno.exception("mmap", Syscalls.errno(capture));
        }
        return MemorySegment.ofAddress(address).reinterpret(bytes, arena, unmapped -> unmap(address, bytes));
    }

    private static void unmap(long address, long bytes) {
        try (Arena call = Arena.ofConfined()) {
            int ignored = Syscalls.unmapPages(call.allocate(Syscalls.CAPTURE), address, bytes);
        }
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public long nativeBytes() {
        return nativeBytes;
    }

    @Override
    public int receive() throws IOException {
        if (staged > 0) {
            throw new IllegalStateException("replies are staged: send them before receiving");
        }
        for (int i = 0; i < received; i++) {
            receiveVector.set(JAVA_INT, i * MMSGHDR_BYTES + NAME_LENGTH, SocketAddresses.IPV6_BYTES);
        }
        received = 0;
        int fd = socket.acquire();
        int count;
        try {
            count = Syscalls.recvmmsg(capture, fd, receiveVector, slots, RECEIVE_FLAGS);
        } finally {
            socket.release();
        }
        if (count >= 0) {
            received = count;
            return count;
        }
        int errno = Syscalls.errno(capture);
        return switch (errno) {
            // the receive timeout, a signal, or an ICMP error that an earlier reply met
            case Syscalls.EAGAIN, Syscalls.EINTR, Syscalls.ECONNREFUSED -> 0;
            default -> throw Errno.exception("recvmmsg", errno);
        };
    }

    @Override
    public InetSocketAddress sender(int slot) {
        int length = receiveVector.get(JAVA_INT, slot * MMSGHDR_BYTES + NAME_LENGTH);
        if (length == 0) {
            return null;
        }
        long offset = slot * NAME_SLOT_BYTES;
        if (length != lastNameLength || MemorySegment.mismatch(names, offset, offset + length, lastName, 0, length) != -1) {
            lastSender = SocketAddresses.decode(names, offset);
            MemorySegment.copy(names, offset, lastName, 0, length);
            lastNameLength = length;
        }
        return lastSender;
    }

    @Override
    public int length(int slot) {
        return receiveVector.get(JAVA_INT, slot * MMSGHDR_BYTES + MESSAGE_LENGTH);
    }

    @Override
    public ByteBuffer datagram(int slot) {
        return datagrams[slot].clear().limit(Math.min(length(slot), slotBytes));
    }

    @Override
    public boolean hasRoom(int bytes) {
        return staged < slots && sendAreaUsed + (long) bytes <= sendArea.byteSize();
    }

    @Override
    public void stage(int slot, ByteBuffer reply) {
        int bytes = reply.remaining();
        if (!hasRoom(bytes)) {
            throw new IllegalStateException("no room for a reply of " + bytes + " bytes: send the staged ones first");
        }
        sendView.put(sendAreaUsed, reply, reply.position(), bytes);
        long iovec = staged * IOVEC_BYTES;
        // addresses as 64-bit integers: no segment object per reply
        sendIovecs.set(JAVA_LONG, iovec + IOVEC_BASE, sendArea.address() + sendAreaUsed);
        sendIovecs.set(JAVA_LONG, iovec + IOVEC_LENGTH, bytes);
        long header = staged * MMSGHDR_BYTES;
        sendVector.set(JAVA_LONG, header + NAME, names.address() + slot * NAME_SLOT_BYTES);
        sendVector.set(JAVA_INT, header + NAME_LENGTH, receiveVector.get(JAVA_INT, slot * MMSGHDR_BYTES + NAME_LENGTH));
        sendAreaUsed += bytes;
        staged++;
    }

    @Override
    public void send(SendOutcomes outcomes) throws IOException {
        int done = 0;
        try {
            while (done < staged) {
                int count = sendFrom(done);
                if (count > 0) {
                    for (int k = done; k < done + count; k++) {
                        outcomes.sent(k, sendVector.get(JAVA_INT, k * MMSGHDR_BYTES + MESSAGE_LENGTH));
                    }
                    done += count;
                    continue;
                }
                // the first unsent reply failed; the ones after it are tried again
                int errno = Syscalls.errno(capture);
                if (errno == Syscalls.EINTR) {
                    continue;
                }
                if (errno == Syscalls.EBADF) {
                    throw new ClosedChannelException();
                }
                outcomes.failed(done, switch (errno) {
                    case Syscalls.EAGAIN -> SendFailure.BUFFER_FULL;
                    case Syscalls.ECONNREFUSED -> SendFailure.PEER_GONE;
                    default -> SendFailure.OTHER;
                }, Errno.message(errno));
                done++;
            }
        } finally {
            staged = 0;
            sendAreaUsed = 0;
        }
    }

    private int sendFrom(int first) throws ClosedChannelException {
        MemorySegment vector = first == 0 ? sendVector : sendVector.asSlice(first * MMSGHDR_BYTES);
        int fd = socket.acquire();
        try {
            return Syscalls.sendmmsg(capture, fd, vector, staged - first, Syscalls.MSG_DONTWAIT);
        } finally {
            socket.release();
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
