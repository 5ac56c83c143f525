/**
 * Accelerated stream I/O for TCP endpoints on JDK 22 and later: epoll (edge-triggered) and the
 * socket calls ({@code accept4}, {@code recv}, {@code send}, {@code shutdown}, {@code close}) made
 * directly through the Foreign Function & Memory API, without {@code java.nio}'s channels, selector
 * bookkeeping and per-connection objects. Linux only, and only when the JVM grants this module native
 * access ({@code --enable-native-access=dev.switchboard.transport.stream.epoll}, as
 * {@code bin/switchboard} does on JDK 22 and later); otherwise the stream transport keeps
 * {@code java.nio}. Exports nothing: the transport finds it as a service.
 */
module dev.switchboard.transport.stream.epoll {
    requires dev.switchboard.transport.stream;
    requires dev.switchboard.transport.sockaddr;

    provides dev.switchboard.transport.stream.io.StreamIoProvider
            with dev.switchboard.transport.stream.epoll.EpollProvider;
}
