package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The defaults transports include: each key documented by a comment line, and reachable from any module. */
class SharedReferenceTest {

    @ParameterizedTest
    @CsvSource({
        "switchboard-transport/endpoint.conf, 'threads, worker-threads, worker-queue, log-interval, blocked-thread-warning'",
        "switchboard-transport/inet.conf, 'host, port'",
        "switchboard-transport/sources.conf, 'allow, deny, source-prefix-ipv4, source-prefix-ipv6, max-tracked-sources'"})
    void documentsEachKeyWithACommentLine(String resource, String keys) throws IOException {
        List<String> lines;
        // through the class loader, as Typesafe Config includes it: a module's encapsulation must not hide it
        try (InputStream in = ClassLoader.getSystemClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is not visible to the class loader");
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<String> found = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).matches("[a-z0-9-]+ = .*")) {
                found.add(lines.get(i).substring(0, lines.get(i).indexOf(' ')));
                assertTrue(lines.get(i - 1).startsWith("#"), "no comment above: " + lines.get(i));
            }
        }
        assertEquals(List.of(keys.split(", ")), found);
    }
}
