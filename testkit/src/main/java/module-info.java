/**
 * Test support for Switchboard plugins: {@link dev.switchboard.testkit.InMemoryTransport} runs a
 * service without sockets, {@link dev.switchboard.testkit.TestSettings} builds the settings and
 * contexts providers receive, with the defaults of the module's own {@code reference.conf}.
 */
module dev.switchboard.testkit {
    requires transitive dev.switchboard.api;
    requires dev.switchboard.settings;

    exports dev.switchboard.testkit;
}
