/**
 * The {@code unix} transport, shipped as a plugin in the distribution's {@code plugins/} folder:
 * the stream-transport toolkit bound to a Unix-domain socket file. Built against the api and the
 * toolkit only, as a third-party transport is. Exports nothing: the launcher finds it through
 * {@link dev.switchboard.api.TransportProvider}.
 */
module dev.switchboard.transport.unix {
    requires dev.switchboard.api;
    requires dev.switchboard.transport.stream;

    provides dev.switchboard.api.TransportProvider with dev.switchboard.transport.unix.UnixTransportProvider;
}
