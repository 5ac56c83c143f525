/**
 * What the modules that make socket calls through the Foreign Function & Memory API on JDK 22 and
 * later share: socket addresses in native memory ({@code struct sockaddr_in} and
 * {@code sockaddr_in6}) to and from {@link java.net.InetSocketAddress}, the system calls' numbers
 * and the one signature both link them with, and whether those calls can be made in this process at
 * all. It links nothing itself, so it needs no native access of its own; its package is exported to
 * those modules alone.
 */
module dev.switchboard.transport.sockaddr {
    exports dev.switchboard.transport.sockaddr
            to dev.switchboard.transport.udp.mmsg, dev.switchboard.transport.stream.epoll;
}
