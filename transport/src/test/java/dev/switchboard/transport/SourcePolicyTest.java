package dev.switchboard.transport;

import static dev.switchboard.transport.CidrTest.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.switchboard.api.Settings;
import dev.switchboard.api.SettingsException;
import dev.switchboard.settings.HoconSettings;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import org.junit.jupiter.api.Test;

class SourcePolicyTest {

    /** @return settings over the shared defaults, included as a transport's reference.conf includes them */
    static Settings settings(String overrides) {
        return HoconSettings.of(ConfigFactory.parseString("""
                include required(classpath("switchboard-transport/sources.conf"))
                """ + overrides).resolve(), "switchboard.endpoints.test");
    }

    @Test
    void theSharedDefaultsAreTheDefaultPolicy() {
        assertEquals(SourcePolicy.DEFAULT, SourcePolicy.from(settings("")));
    }

    @Test
    void oneIpv4AddressIsOneSource() {
        SourcePolicy policy = SourcePolicy.DEFAULT;
        assertEquals(policy.sourceOf(peer("192.0.2.1", 1000)), policy.sourceOf(peer("192.0.2.1", 2000)));
        assertNotEquals(policy.sourceOf(peer("192.0.2.1", 1000)), policy.sourceOf(peer("192.0.2.2", 1000)));
    }

    @Test
    void oneIpv6SlashSixtyFourIsOneSource() {
        SourcePolicy policy = SourcePolicy.DEFAULT;
        assertEquals(policy.sourceOf(peer("2001:db8:0:1::1", 1)), policy.sourceOf(peer("2001:db8:0:1:ffff::2", 2)));
        assertNotEquals(policy.sourceOf(peer("2001:db8:0:1::1", 1)), policy.sourceOf(peer("2001:db8:0:2::1", 1)));
    }

    @Test
    void thePrefixLengthsThatMakeASourceAreSettings() {
        SourcePolicy policy = SourcePolicy.from(settings("source-prefix-ipv4 = 24, source-prefix-ipv6 = 128"));
        assertEquals(policy.sourceOf(peer("192.0.2.1", 1)), policy.sourceOf(peer("192.0.2.254", 1)));
        assertNotEquals(policy.sourceOf(peer("2001:db8::1", 1)), policy.sourceOf(peer("2001:db8::2", 1)));
    }

    @Test
    void anIpv4SourceIsNeverAnIpv6One() {
        SourcePolicy policy = SourcePolicy.from(settings("source-prefix-ipv4 = 0, source-prefix-ipv6 = 0"));
        assertNotEquals(policy.sourceOf(peer("0.0.0.1", 1)), policy.sourceOf(peer("::1", 1)));
    }

    @Test
    void aPeerThatIsNotIpHasNoSourceAndIsAlwaysServed() {
        SourcePolicy policy = SourcePolicy.from(settings("allow = [\"127.0.0.1\"]"));
        UnixDomainSocketAddress unnamed = UnixDomainSocketAddress.of("");
        assertNull(policy.sourceOf(unnamed));
        assertTrue(policy.admits(unnamed));
        assertFalse(policy.admits(peer("127.0.0.2", 1)));
    }

    @Test
    void aPrefixLengthOutOfRangeFailsNamingTheKey() {
        SettingsException e = assertThrows(SettingsException.class, () -> SourcePolicy.from(settings("source-prefix-ipv6 = 129")));
        assertTrue(e.getMessage().contains("source-prefix-ipv6"), e.getMessage());
    }

    private static InetSocketAddress peer(String host, int port) {
        return new InetSocketAddress(address(host), port);
    }
}
