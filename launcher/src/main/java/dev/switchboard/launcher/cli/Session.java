package dev.switchboard.launcher.cli;

import java.time.Duration;

/** A conversation of {@code send} with one server: requests in order, each answered before the next. */
interface Session extends AutoCloseable {

    /**
     * @param request the request's bytes, unframed
     * @return the reply, unframed
     * @throws ClientFailure if no reply comes within the timeout, or the connection fails
     */
    byte[] ask(byte[] request) throws ClientFailure;

    @Override
    void close();

    /**
     * @param target where to talk to
     * @param framing how a stream target delimits messages; ignored for UDP
     * @param timeout the bound on connecting and on each reply
     * @return a session: one UDP socket, or one connection, for all its requests
     * @throws ClientFailure if a stream connection cannot be made
     */
    static Session open(Target target, ClientFraming framing, Duration timeout) throws ClientFailure {
        return target.isStream()
                ? new StreamSession(StreamConnection.open(target, timeout), framing)
                : DatagramSession.open(target, timeout);
    }
}
