/**
 * The socket operations of the stream-transport toolkit, behind interfaces that an accelerated I/O
 * path implements: a {@link dev.switchboard.transport.stream.io.Poller} per event loop, a
 * {@link dev.switchboard.transport.stream.io.StreamSocket} per connection and a
 * {@link dev.switchboard.transport.stream.io.Listener} per endpoint. The toolkit's own implementation
 * is {@code java.nio}'s; {@code dev.switchboard.transport.stream.epoll} provides one through the
 * Foreign Function & Memory API on JDK 22 and later. Exported only to that module: no plugin API.
 */
package dev.switchboard.transport.stream.io;
