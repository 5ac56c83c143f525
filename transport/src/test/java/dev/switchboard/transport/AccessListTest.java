package dev.switchboard.transport;

import static dev.switchboard.transport.CidrTest.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.SettingsException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessListTest {

    private static AccessList read(String hocon) {
        return AccessList.from(SourcePolicyTest.settings(hocon));
    }

    @Test
    void byDefaultServesEveryone() {
        AccessList access = read("");
        assertTrue(access.isEveryone());
        assertTrue(access.admits(address("203.0.113.9")));
        assertTrue(access.admits(address("2001:db8::9")));
    }

    @Test
    void anAllowListServesOnlyTheAddressesInIt() {
        AccessList access = read("allow = [\"10.0.0.0/8\", \"::1\"]");
        assertTrue(access.admits(address("10.20.30.40")));
        assertTrue(access.admits(address("::1")));
        assertFalse(access.admits(address("192.0.2.1")));
        assertFalse(access.admits(address("::2")));
    }

    @Test
    void aDenyListRefusesTheAddressesInItAndServesTheRest() {
        AccessList access = read("deny = [\"192.0.2.0/24\"]");
        assertFalse(access.admits(address("192.0.2.200")));
        assertTrue(access.admits(address("192.0.3.1")));
    }

    @Test
    void denyWinsOverAllow() {
        AccessList access = read("allow = [\"10.0.0.0/8\"], deny = [\"10.6.6.0/24\"]");
        assertTrue(access.admits(address("10.6.7.1")));
        assertFalse(access.admits(address("10.6.6.1")));
    }

    @Test
    void toleratesSpacesAroundAnEntry() {
        assertEquals(List.of(Cidr.parse("10.0.0.0/8")), read("allow = [\" 10.0.0.0/8 \"]").allow());
    }

    @Test
    void aBadEntryFailsNamingTheKeyAndTheEntry() {
        SettingsException e = assertThrows(SettingsException.class, () -> read("deny = [\"10.0.0.0/8\", \"10.0.0.0/33\"]"));
        assertTrue(e.getMessage().contains("switchboard.endpoints.test.deny: expected a list of IP addresses and CIDR blocks"),
                e.getMessage());
        assertTrue(e.getMessage().contains("\"10.0.0.0/33\": the prefix length must be a number from 0 to 32"), e.getMessage());
    }

    @Test
    void aHostNameIsABadEntryAndIsNotLookedUp() {
        SettingsException e = assertThrows(SettingsException.class, () -> read("allow = [banana]"));
        assertTrue(e.getMessage().contains("allow: expected a list of IP addresses and CIDR blocks"), e.getMessage());
        assertTrue(e.getMessage().contains("\"banana\" is not an IP address or block"), e.getMessage());
    }

    @Test
    void aListThatIsNotOfStringsFailsNamingTheKey() {
        SettingsException e = assertThrows(SettingsException.class, () -> read("allow = \"10.0.0.0/8\""));
        assertTrue(e.getMessage().contains("switchboard.endpoints.test.allow: expected a list of strings"), e.getMessage());
    }
}
