package dev.switchboard.transport.udp;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.transport.RateLimitedLog;
import dev.switchboard.transport.Refusal;
import dev.switchboard.transport.udp.batch.BatchDatagramSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The datagrams the kernel dropped because one of the endpoint's receive buffers was full, which no
 * Java API reports. Batched sockets tell their own count in one system call each
 * ({@link BatchDatagramSocket#receiveDrops()}). For the others, Linux lists every UDP socket in
 * {@code /proc/net/udp} and {@code /proc/net/udp6} with a {@code drops} column; the endpoint's rows
 * are those on its port whose inode is one of this process's sockets (the {@code socket:[N]} targets
 * of {@code /proc/self/fd/*}). Where neither tells, nothing is reported. Safe from any thread.
 */
final class KernelDrops {

    private static final Path PROCESS_FDS = Path.of("/proc/self/fd");
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));
    private static final int MIN_COLUMNS = 13;

    /** One socket's row of {@code /proc/net/udp}: the columns that matter here. */
    record Row(int localPort, long inode, long drops) {}

    /** Reads the count of the endpoint's sockets together. */
    @FunctionalInterface
    private interface Reading {
        long read() throws IOException;
    }

    /** Null where the count cannot be read. */
    private final Reading reading;
    private final RateLimitedLog log;
    /** The sockets' count when this one began counting: 0, or what a predecessor reported. */
    private final long baseline;
    private final AtomicLong lastSeen;
    private volatile boolean closed;

    private KernelDrops(Reading reading, RateLimitedLog log, long baseline) {
        this.reading = reading;
        this.log = log;
        this.baseline = baseline;
        this.lastSeen = new AtomicLong(baseline);
    }

    /**
     * Finds how to read the count of the endpoint's sockets; call it once they are bound.
     *
     * @param sockets the endpoint's sockets
     * @param log where growth is reported
     * @param logger where it says, at debug level, why drops cannot be reported
     * @return the endpoint's kernel drops; where they cannot be read, always 0
     */
    static KernelDrops of(SocketGroup<?> sockets, RateLimitedLog log, System.Logger logger) {
        List<BatchDatagramSocket> batched = new ArrayList<>();
        for (Object socket : sockets.channels()) {
            if (socket instanceof BatchDatagramSocket b) {
                batched.add(b);
            }
        }
        if (batched.size() == sockets.channels().size()) {
            Reading ownCounts = () -> {
                long total = 0;
                for (BatchDatagramSocket socket : batched) {
                    total += socket.receiveDrops();
                }
                return total;
            };
            try {
                ownCounts.read();
                return new KernelDrops(ownCounts, log, 0);
            } catch (IOException e) {
                // the sockets do not tell here: the table may
            }
        }
        return ofTables(sockets.localAddress().getPort(), log, logger);
    }

    /**
     * Finds the rows of the sockets this process has bound to {@code port}.
     *
     * @param port the endpoint's port
     * @param log where growth is reported
     * @param logger where it says, at debug level, why drops cannot be reported
     * @return the endpoint's kernel drops; where they cannot be read, always 0
     */
    private static KernelDrops ofTables(int port, RateLimitedLog log, System.Logger logger) {
        Set<Long> ours = new HashSet<>();
        try {
            Set<Long> processSockets = socketInodes();
            for (Path table : TABLES) {
                if (Files.isReadable(table)) {
                    for (Row row : rows(Files.readString(table))) {
                        if (row.localPort() == port && processSockets.contains(row.inode())) {
                            ours.add(row.inode());
                        }
                    }
                }
            }
        } catch (IOException | UncheckedIOException | SecurityException e) {
            ours.clear();
        }
        if (ours.isEmpty()) {
            logger.log(DEBUG, "datagrams dropped by the kernel cannot be counted here: "
                    + "no row of /proc/net/udp or /proc/net/udp6 matches this endpoint's sockets");
            return new KernelDrops(null, log, 0);
        }
        Set<Long> inodes = Set.copyOf(ours);
        return new KernelDrops(() -> tableTotal(inodes), log, 0);
    }

    /**
     * Reads the count, and logs a warning (rate-limited) when it grew since it was last read.
     *
     * @return how many datagrams the kernel dropped for the endpoint's sockets since they were bound,
     *     or, for a {@linkplain #handOver successor's}, since it took them over
     */
    long dropped() {
        if (reading == null || closed) {
            return lastSeen.get() - baseline;
        }
        long total = read();
        long previous = lastSeen.getAndAccumulate(total, Math::max);
        if (total > previous) {
            log.log(WARNING, Refusal.KERNEL_RECEIVE_BUFFER, () -> "the kernel dropped " + (total - previous)
                    + " more datagrams (" + total + " in all) because a receive buffer was full: "
                    + "raise receive-buffer-bytes, and net.core.rmem_max, which caps it");
        }
        return Math.max(total, previous) - baseline;
    }

    /**
     * Closes this one and returns the count of the same sockets from here on, for the transport that
     * takes them over: this one reports what it last read, the other what comes after, so that their
     * sum is the sockets' count and never counts a drop twice.
     *
     * @return the successor's count, 0 now
     */
    KernelDrops handOver() {
        close();
        return new KernelDrops(reading, log, lastSeen.get());
    }

    /** Takes a last reading, which {@link #dropped()} reports from now on: call it before the sockets close. */
    void close() {
        dropped();
        closed = true;
    }

    private long read() {
        try {
            return reading.read();
        } catch (IOException | UncheckedIOException e) {
            return lastSeen.get();
        }
    }

    private static long tableTotal(Set<Long> inodes) throws IOException {
        long total = 0;
        for (Path table : TABLES) {
            if (Files.isReadable(table)) {
                for (Row row : rows(Files.readString(table))) {
                    if (inodes.contains(row.inode())) {
                        total += row.drops();
                    }
                }
            }
        }
        return total;
    }

    /**
     * Parses the text of {@code /proc/net/udp} or {@code /proc/net/udp6}.
     *
     * @param table the file's text, header line first
     * @return its rows; none if the header has no {@code drops} column or the text is not such a table
     */
    static List<Row> rows(String table) {
        List<Row> rows = new ArrayList<>();
        String[] lines = table.split("\n");
        if (lines.length == 0 || !lines[0].strip().endsWith("drops")) {
            return rows;
        }
        for (int i = 1; i < lines.length; i++) {
            // sl local_address rem_address st tx:rx tr:tm retrnsmt uid timeout inode ref pointer drops
            String[] columns = lines[i].strip().split("\\s+");
            if (columns.length < MIN_COLUMNS) {
                continue;
            }
            try {
                String local = columns[1];
                int port = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
                rows.add(new Row(port, Long.parseLong(columns[9]), Long.parseLong(columns[12])));
            } catch (NumberFormatException e) {
                // not a socket's row: skip it
            }
        }
        return rows;
    }

    private static Set<Long> socketInodes() throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROCESS_FDS)) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed since it was listed
                }
                if (target.startsWith("socket:[") && target.endsWith("]")) {
                    inodes.add(Long.parseLong(target, "socket:[".length(), target.length() - 1, 10));
                }
            }
        }
        return inodes;
    }
}
