/**
 * Test support for Switchboard plugins: {@link dev.switchboard.testkit.InMemoryTransport} runs a
 * service without sockets and refuses the replies a network transport would refuse,
 * {@link dev.switchboard.testkit.TestSettings} builds the settings and contexts providers receive,
 * with the defaults of the module's own {@code reference.conf}, refusing the keys the launcher
 * refuses; {@link dev.switchboard.testkit.StreamClient} talks to a stream transport over TCP or a
 * Unix-domain socket, every wait bounded; {@link dev.switchboard.testkit.RecordingLogger} keeps what
 * a component logs, {@link dev.switchboard.testkit.RecordingObserver} counts what a transport reports
 * to its observer, and {@link dev.switchboard.testkit.Await} waits, bounded, for what another
 * thread brings about. {@link dev.switchboard.testkit.TransportContract} and
 * {@link dev.switchboard.testkit.FrameCodecContract} are the JUnit 5 suites that a transport's or a
 * framing's tests extend to check the behaviour all of them share.
 *
 * <h2>Mockito without the self-attach warning</h2>
 *
 * <p>Mockito 5 mocks (final classes and records too) through a Java agent. Left alone it attaches
 * that agent to the running test JVM itself, which JDK 21 and later warn about on every run and a
 * future JDK will refuse. Give Surefire the agent on its command line instead: the dependency
 * plugin's {@code properties} goal sets a property holding each dependency's jar, and the
 * {@code argLine} names Mockito's (Switchboard's own {@code launcher/pom.xml} does this):
 *
 * <pre>{@code
 * <properties>
 *   <argLine/> <!-- defined even when no other plugin (JaCoCo) adds to it -->
 * </properties>
 * ...
 * <plugin>
 *   <artifactId>maven-dependency-plugin</artifactId>
 *   <executions>
 *     <execution>
 *       <goals><goal>properties</goal></goals>
 *     </execution>
 *   </executions>
 * </plugin>
 * <plugin>
 *   <artifactId>maven-surefire-plugin</artifactId>
 *   <configuration>
 *     <argLine>@{argLine} -javaagent:${org.mockito:mockito-core:jar}</argLine>
 *   </configuration>
 * </plugin>
 * }</pre>
 */
module dev.switchboard.testkit {
    requires transitive dev.switchboard.api;
    requires dev.switchboard.settings;
    requires transitive org.junit.jupiter.api;

    exports dev.switchboard.testkit;
    // JUnit runs the contract suites' package-private tests by reflection, also from the module path
    opens dev.switchboard.testkit;
}
