/**
 * A Switchboard plugin: the {@code ${serviceName}} message service. The server loads it into a
 * module layer of its own and finds the provider through {@code provides}; in such a layer an
 * explicit module's {@code META-INF/services} files are ignored. It exports nothing: the server
 * reaches the provider through {@link java.util.ServiceLoader} only.
 */
module ${package} {
    requires dev.switchboard.api;

    provides dev.switchboard.api.MessageServiceProvider with ${package}.${classPrefix}Provider;
}
