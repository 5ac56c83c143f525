package dev.switchboard.launcher.cli;

/** A session over one TCP or Unix-domain connection, framed. */
final class StreamSession implements Session {

    private final StreamConnection connection;
    private final ClientFraming framing;

    StreamSession(StreamConnection connection, ClientFraming framing) {
        this.connection = connection;
        this.framing = framing;
    }

    @Override
    public byte[] ask(byte[] request) throws ClientFailure {
        connection.write(framing.encode(request));
        return framing.reply(connection, request.length);
    }

    @Override
    public void close() {
        connection.close();
    }
}
