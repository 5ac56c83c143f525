package dev.switchboard.launcher.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogTest {

    private static final Discovered<String> BUILT_IN = new Discovered<>("tcp", "built-in tcp", "built-in module t");
    private static final Discovered<String> PLUGIN = new Discovered<>("tcp", "plugin tcp", "plugin p.jar");
    private static final Discovered<String> FOLDER = new Discovered<>("tcp", "folder tcp", "plugin f/q.jar");
    private static final Discovered<String> UDP = new Discovered<>("udp", "udp", "built-in module u");

    @Test
    void findsANameThatOneProviderHasBesideAClash() {
        Catalog<String> catalog = new Catalog<>("transport", List.of(BUILT_IN, UDP, PLUGIN));

        assertEquals(Optional.of(UDP), catalog.find("udp"));
        assertEquals(Optional.empty(), catalog.clash("udp"));
    }

    @Test
    void findsNoProviderForAClashingNameAndNamesEveryOrigin() {
        Catalog<String> catalog = new Catalog<>("transport", List.of(BUILT_IN, PLUGIN, FOLDER));

        assertEquals(Optional.empty(), catalog.find("tcp"));
        assertEquals(Optional.of("3 transports are named \"tcp\": one in built-in module t, one in plugin p.jar,"
                + " one in plugin f/q.jar"), catalog.clash("tcp"));
    }

    @Test
    void listsEveryProviderOfAClashAndSaysItsNameIsUnusable() {
        Catalog<String> catalog = new Catalog<>("transport", List.of(BUILT_IN, UDP, PLUGIN));

        assertEquals("tcp (built-in module t), tcp (plugin p.jar), udp (built-in module u); unusable until one of"
                + " each is removed, as more than one transport has the name: tcp", catalog.available());
    }

    @Test
    void listsProvidersWithoutAClashAsTheyAre() {
        Catalog<String> catalog = new Catalog<>("transport", List.of(BUILT_IN, UDP));

        assertEquals("tcp (built-in module t), udp (built-in module u)", catalog.available());
    }
}
