/**
 * What the modules that make socket calls through the Foreign Function & Memory API on JDK 22 and
 * later share: socket addresses in native memory ({@code struct sockaddr_in} and
 * {@code sockaddr_in6}) to and from {@link java.net.InetSocketAddress}, and whether those calls can
 * be made in this process at all. It only reads and writes memory segments, so it needs no native
 * access of its own; its package is exported to those modules alone.
 */
module dev.switchboard.transport.sockaddr {
    exports dev.switchboard.transport.sockaddr
            to dev.switchboard.transport.udp.mmsg, dev.switchboard.transport.stream.epoll;
}
