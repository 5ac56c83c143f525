/**
 * Test support for Switchboard plugins: {@link dev.switchboard.testkit.InMemoryTransport} runs a
 * service without sockets, {@link dev.switchboard.testkit.TestSettings} builds the settings and
 * contexts providers receive, with the defaults of the module's own {@code reference.conf};
 * {@link dev.switchboard.testkit.StreamClient} talks to a stream transport over TCP or a
 * Unix-domain socket, every wait bounded; {@link dev.switchboard.testkit.RecordingLogger} keeps what
 * a component logs and {@link dev.switchboard.testkit.Await} waits, bounded, for what another
 * thread brings about. {@link dev.switchboard.testkit.TransportContract} and
 * {@link dev.switchboard.testkit.FrameCodecContract} are the JUnit 5 suites that a transport's or a
 * framing's tests extend to check the behaviour all of them share.
 */
module dev.switchboard.testkit {
    requires transitive dev.switchboard.api;
    requires dev.switchboard.settings;
    requires transitive org.junit.jupiter.api;

    exports dev.switchboard.testkit;
    // JUnit runs the contract suites' package-private tests by reflection, also from the module path
    opens dev.switchboard.testkit;
}
