package dev.switchboard.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.TreeSet;

/**
 * Endpoint configurations the launcher must either accept or reject with its configuration error;
 * see {@link LauncherConfiguration}.
 */
class EndpointConfigFuzzTest {

    private static final byte[] BLOCK_START = "switchboard.endpoints.fuzzed {\n".getBytes(UTF_8);
    private static final byte[] BLOCK_END = "\n}\n".getBytes(UTF_8);
    private static final Config REFERENCE = ConfigFactory.defaultReference(EndpointConfigFuzzTest.class.getClassLoader());
    private static final List<String> TCP_KEYS = settings("tcp");
    private static final List<String> UDP_KEYS = settings("udp");

    /** Any text as the body of one endpoint's block. */
    @FuzzTest(maxDuration = "10m")
    void anyEndpointBlock(byte[] body) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(BLOCK_START);
        file.writeBytes(body);
        file.writeBytes(BLOCK_END);
        LauncherConfiguration.check(file.toByteArray());
    }

    /**
     * Any values for the settings a tcp or udp endpoint has. The input is lines: the first names the
     * transport ({@code udp}, else tcp); each other line is {@code key=value}, where a key that is not
     * one of the transport's or the launcher's endpoint settings skips the line, and the value is any
     * text (a number, a size, a list, an object, a substitution, ...).
     */
    @FuzzTest(maxDuration = "10m")
    void anyValueOfEachSetting(byte[] input) {
        String[] lines = new String(input, UTF_8).split("\n", -1);
        boolean udp = lines[0].equals("udp");
        List<String> keys = udp ? UDP_KEYS : TCP_KEYS;
        StringBuilder block = new StringBuilder("switchboard.endpoints.fuzzed {\n  transport = ")
                .append(udp ? "udp" : "tcp").append('\n');
        for (int i = 1; i < lines.length; i++) {
            int equals = lines[i].indexOf('=');
            if (equals > 0 && keys.contains(lines[i].substring(0, equals))) {
                block.append("  \"").append(lines[i], 0, equals).append("\" = ").append(lines[i].substring(equals + 1))
                        .append('\n');
            }
        }
        LauncherConfiguration.check(block.append("}\n").toString().getBytes(UTF_8));
    }

    /** The keys an endpoint of {@code transport} may set: its transport's and the launcher's. */
    private static List<String> settings(String transport) {
        TreeSet<String> keys = new TreeSet<>(REFERENCE.getObject("switchboard.transports." + transport).keySet());
        keys.addAll(REFERENCE.getObject("switchboard.endpoint-defaults").keySet());
        return List.copyOf(keys);
    }
}
