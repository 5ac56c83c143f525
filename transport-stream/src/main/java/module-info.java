/**
 * The stream-transport toolkit: everything a connection-oriented transport needs, over any
 * {@link java.nio.channels.SocketChannel} family (TCP over IPv4 or IPv6, Unix-domain sockets).
 * A transport built on it supplies a {@link dev.switchboard.transport.stream.StreamBinding}, which
 * opens and binds its listening channel, and gets from
 * {@link dev.switchboard.transport.stream.StreamTransport} the acceptor, the selector loops, framing
 * through the {@link dev.switchboard.api.FrameCodec} SPI, limits, backpressure, timeouts, ordering
 * of blocking services, counters and the graceful stop; its settings are
 * {@link dev.switchboard.transport.stream.StreamSettings}, whose defaults its
 * {@code reference.conf} includes from {@code switchboard-transport-stream/stream.conf}.
 *
 * <p>Also provides the built-in framings {@code raw}, {@code line} and {@code length-prefixed}. Its
 * sockets go through {@code java.nio}, or, for TCP, through a
 * {@link dev.switchboard.transport.stream.io.StreamIoProvider} where one is on the module path and
 * usable; that interface's package is exported only to the module that implements it.
 */
@SuppressWarnings("module") // the epoll module is compiled only on JDK 22 and later
module dev.switchboard.transport.stream {
    requires transitive dev.switchboard.transport;

    exports dev.switchboard.transport.stream;
    exports dev.switchboard.transport.stream.io to dev.switchboard.transport.stream.epoll;

    uses dev.switchboard.transport.stream.io.StreamIoProvider;

    provides dev.switchboard.api.FrameCodecProvider with
            dev.switchboard.transport.stream.framing.RawCodecProvider,
            dev.switchboard.transport.stream.framing.LineCodecProvider,
            dev.switchboard.transport.stream.framing.LengthPrefixedCodecProvider;
}
