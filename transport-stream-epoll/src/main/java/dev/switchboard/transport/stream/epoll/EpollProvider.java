package dev.switchboard.transport.stream.epoll;

import dev.switchboard.transport.sockaddr.NativeSupport;
import dev.switchboard.transport.stream.io.Listener;
import dev.switchboard.transport.stream.io.Poller;
import dev.switchboard.transport.stream.io.StreamIoProvider;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * TCP listening sockets, connections and event loops through epoll and the socket calls, called
 * through the Foreign Function & Memory API: usable on Linux (x86-64, AArch64) when this module has
 * native access. The stream transport finds it through {@link java.util.ServiceLoader}.
 */
public final class EpollProvider implements StreamIoProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public EpollProvider() {}

    /**
     * @return null on Linux x86-64 or AArch64 with native access granted to this module and the C
     *     library's calls linked; else why not
     */
    @Override
    public String unavailableReason() {
        return NativeSupport.unavailableReason(EpollProvider.class.getModule(), "epoll", Syscalls::ensureLinked);
    }

    /** @return {@code "epoll"} */
    @Override
    public String description() {
        return "epoll";
    }

    @Override
    public Poller openPoller() throws IOException {
        return EpollPoller.open();
    }

    @Override
    public Listener listen(InetSocketAddress address, int backlog, boolean reusePort) throws IOException {
        return EpollListener.open(address, backlog, reusePort);
    }
}
