package dev.switchboard.transport.udp;

import dev.switchboard.api.MessageService;
import dev.switchboard.transport.NativePath;
import dev.switchboard.transport.udp.batch.BatchDatagramProvider;
import java.util.ServiceLoader;

/**
 * How an endpoint's loops read and write datagrams, and why: batched ({@code recvmmsg} and
 * {@code sendmmsg} through the module {@code dev.switchboard.transport.udp.mmsg}, where the runtime
 * allows) or {@code java.nio}, one datagram per system call. Said in one INFO line at each start.
 *
 * @param batched the provider of batched sockets, or null for {@code java.nio}
 * @param why the INFO line: the path and the reason for it
 */
record IoPath(BatchDatagramProvider batched, String why) {

    /** The module that provides batched sockets; compiled for JDK 22 and later, so absent before. */
    static final String BATCHED_MODULE = "dev.switchboard.transport.udp.mmsg";

    /** Looked for once: the providers on the module path do not change while the process runs. */
    private static final class Found {
        static final IoPath BATCHED = find();
    }

    /**
     * @param settings the endpoint's settings ({@code io})
     * @param service what the endpoint serves
     * @return the path its loops take
     */
    static IoPath choose(UdpSettings settings, MessageService service) {
        if (settings.nioOnly()) {
            return nio("io = nio");
        }
        if (service.isBlocking()) {
            // worker threads answer one datagram each and send its reply themselves: nothing to batch
            return nio("the service blocks, so worker threads answer and send one datagram at a time");
        }
        return Found.BATCHED;
    }

    /** Looks for the batched path now, on the calling thread, if no thread has yet. */
    static void prepare() {
        IoPath ignored = Found.BATCHED;
    }

    private static IoPath find() {
        NativePath<BatchDatagramProvider> found = NativePath.of(
                ServiceLoader.load(BatchDatagramProvider.class, IoPath.class.getClassLoader()).findFirst(),
                BATCHED_MODULE, BatchDatagramProvider::unavailableReason);
        return found.provider() == null ? nio(found.unavailableReason())
                : new IoPath(found.provider(), "datagrams in batches: recvmmsg and sendmmsg through the Foreign"
                        + " Function & Memory API (" + BATCHED_MODULE + ")");
    }

    private static IoPath nio(String reason) {
        return new IoPath(null, "datagrams one per system call through java.nio: " + reason);
    }
}
