package dev.switchboard.transport.unix;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.Transport;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.RecordingLogger;
import dev.switchboard.testkit.StreamClient;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The socket file on disk: created with its mode and no window, a stale one replaced, anything else left alone, removed on stop. */
@Timeout(30)
class UnixBindingTest {

    @TempDir
    Path directory;

    private final UnixEndpoints endpoints = new UnixEndpoints();
    private final RecordingLogger log = new RecordingLogger();

    @AfterEach
    void stop() {
        endpoints.close();
    }

    private Path path() {
        return directory.resolve("upper.sock");
    }

    private Transport start(String hocon) throws IOException {
        Transport transport = endpoints.create(path(), hocon, log);
        transport.start(UnixEndpoints.UPPER_CASE);
        return transport;
    }

    private BindException failsToStart() {
        Transport transport = endpoints.create(path(), "", log);
        BindException failure = assertThrows(BindException.class, () -> transport.start(UnixEndpoints.UPPER_CASE));
        assertNull(transport.localAddress(), "not started");
        return failure;
    }

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }

    private List<Path> filesInTheDirectory() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    private static void assertAnswers(Path socket) {
        try (StreamClient client = StreamClient.connect(UnixDomainSocketAddress.of(socket))) {
            assertEquals("HELLO", client.send("hello").readString(5));
        }
    }

    /** A socket file as a server that crashed leaves it: bound, then closed without removing it. */
    private Path staleSocketFile(Path path) throws IOException {
        ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(path)).close();
        assertTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS));
        return path;
    }

    @Test
    void aTakeOverLeavesTheSocketFileInPlaceUntilTheSuccessorStops() throws IOException {
        Transport old = start("");
        Transport successor = endpoints.create(path(), "max-message-bytes = 1000", log);
        successor.takeOver(old, UnixEndpoints.UPPER_CASE);

        old.stop(Duration.ofSeconds(1));
        assertAnswers(path());

        successor.stop(Duration.ofSeconds(1));
        assertFalse(Files.exists(path(), LinkOption.NOFOLLOW_LINKS), "removed by the successor's stop");
    }

    @Test
    void anotherModeCannotBeTakenOver() throws IOException {
        Transport old = start("");
        Transport other = endpoints.create(path(), "mode = \"0600\"", log);

        assertThrows(UnsupportedOperationException.class, () -> other.takeOver(old, UnixEndpoints.UPPER_CASE));

        assertEquals("rw-rw----", permissions(path()));
        assertAnswers(path());
    }

    @Test
    void createsTheSocketFileReadableAndWritableByOwnerAndGroupByDefault() throws IOException {
        start("");
        assertEquals("rw-rw----", permissions(path()));
        assertAnswers(path());
    }

    @Test
    void createsTheSocketFileWithTheConfiguredModeWiderThanTheUmaskWouldLeaveIt() throws IOException {
        start("mode = \"rw-rw-rw-\""); // a umask of 022, the usual one, would create it rwxr-xr-x
        assertEquals("rw-rw-rw-", permissions(path()));
    }

    @Test
    void createsTheSocketFileWithTheConfiguredModeNarrowerThanTheDefault() throws IOException {
        start("mode = \"0600\"");
        assertEquals("rw-------", permissions(path()));
    }

    @Test
    void leavesNoOtherFileInTheFolder() throws IOException {
        start("");
        assertEquals(List.of(path()), filesInTheDirectory());
    }

    @Test
    void bindsInAPrivateFolderThenLinksTheSocketFileIntoPlace() throws Exception {
        List<String> events = new ArrayList<>();
        try (WatchService watcher = directory.getFileSystem().newWatchService()) {
            directory.register(watcher, ENTRY_CREATE, ENTRY_DELETE);

            start("");

            long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
            while (events.stream().noneMatch(event -> event.startsWith("ENTRY_DELETE .sb"))) {
                WatchKey key = watcher.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (key == null) {
                    throw new AssertionError("the private folder was not removed; events: " + events);
                }
                for (WatchEvent<?> event : key.pollEvents()) {
                    events.add(event.kind().name() + " " + event.context());
                }
                key.reset();
            }
        }
        assertEquals(3, events.size(), events.toString());
        assertTrue(events.get(0).matches("ENTRY_CREATE \\.sb[a-z0-9]{4}"), events.toString());
        assertEquals("ENTRY_CREATE upper.sock", events.get(1), "the socket file appears once, by its link");
        assertEquals(events.get(0).replace("CREATE", "DELETE"), events.get(2), "then the private folder goes");
    }

    @Test
    void reportsThePathAsItsAddressNotThePrivateOneItWasBoundAt() throws IOException {
        Transport transport = start("framing = line");
        assertEquals(UnixDomainSocketAddress.of(path()), transport.localAddress());
        assertEquals(path() + " line, 2 loops", transport.description());
    }

    @Test
    void replacesAStaleSocketFileAndSaysSo() throws IOException {
        Object stale = SocketFile.key(staleSocketFile(path()));

        start("");

        assertAnswers(path());
        assertFalse(stale.equals(SocketFile.key(path())), "a new socket file");
        assertEquals(List.of("removed the stale socket file " + path()
                        + ": nobody accepts connections on it (a server ended without removing it)",
                "connections through java.nio: the accelerated path serves TCP over IP only"),
                log.lines().stream().map(RecordingLogger.Line::message).toList());
    }

    @Test
    void failsAsInUseNamingThePathWhenAServerAcceptsOnItAndLeavesThatServerServing() throws IOException {
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(path()))) {
            BindException failure = failsToStart();

            assertEquals(path() + ": in use: a server accepts connections on it", failure.getMessage());
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path()))) {
                assertTrue(client.isConnected(), "the other server still has its socket file");
            }
            assertEquals(List.of(path()), filesInTheDirectory());
        }
    }

    @Test
    void failsOnARegularFileNamingItAndLeavesItUntouched() throws IOException {
        Files.writeString(path(), "not a socket");

        BindException failure = failsToStart();

        assertEquals(path() + ": exists and is a regular file, not a socket; it is left as it is"
                + " (only a stale socket file is replaced)", failure.getMessage());
        assertEquals("not a socket", Files.readString(path()));
        assertEquals(List.of(path()), filesInTheDirectory());
    }

    @Test
    void failsOnAFolderNamingItAndLeavesItUntouched() throws IOException {
        Files.createDirectory(path());
        Files.writeString(path().resolve("kept"), "kept");

        BindException failure = failsToStart();

        assertTrue(failure.getMessage().startsWith(path() + ": exists and is a folder, not a socket"), failure.getMessage());
        assertEquals("kept", Files.readString(path().resolve("kept")));
    }

    @Test
    void failsOnASymbolicLinkEvenToAStaleSocketAndFollowsItNowhere() throws IOException {
        Path stale = staleSocketFile(directory.resolve("stale.sock"));
        Files.createSymbolicLink(path(), stale);

        BindException failure = failsToStart();

        assertTrue(failure.getMessage().startsWith(path() + ": exists and is a symbolic link, not a socket"),
                failure.getMessage());
        assertTrue(Files.isSymbolicLink(path()));
        assertTrue(Files.exists(stale, LinkOption.NOFOLLOW_LINKS), "the socket file it points to is kept");
    }

    @Test
    void failsNamingTheFolderWhenItIsMissing() {
        Transport transport = endpoints.create(directory.resolve("missing/upper.sock"), "", log);

        BindException failure = assertThrows(BindException.class, () -> transport.start(UnixEndpoints.UPPER_CASE));

        assertEquals(directory.resolve("missing/upper.sock") + ": the folder " + directory.resolve("missing")
                + " does not exist; create it first (under systemd, RuntimeDirectory= does)", failure.getMessage());
        assertFalse(Files.exists(directory.resolve("missing")), "not created");
    }

    @Test
    void removesTheSocketFileOnStop() throws IOException {
        Transport transport = start("");

        transport.stop(Duration.ofSeconds(1));

        assertEquals(List.of(), filesInTheDirectory());
    }

    @Test
    void leavesAFileThatReplacedItsSocketFileOnStopAndSaysSo() throws IOException {
        Transport transport = start("");
        Files.delete(path());
        Files.writeString(path(), "another's");

        transport.stop(Duration.ofSeconds(1));

        assertEquals("another's", Files.readString(path()));
        assertTrue(log.lines().contains(new RecordingLogger.Line(Level.WARNING, "left " + path() + " in place on stop:"
                + " it is no longer the socket file this endpoint created", null)), log.lines().toString());
    }
}
