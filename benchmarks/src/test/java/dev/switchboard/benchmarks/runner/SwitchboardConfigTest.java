package dev.switchboard.benchmarks.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwitchboardConfigTest {

    @TempDir
    Path directory;

    @Test
    void benchConfigurationDeclaresTheThreeEndpointsOnLoopback() {
        Config config = ConfigFactory.parseFile(SwitchboardConfig.writeBench(directory, new Ports(1001, 1002, 1003), 3).toFile())
                .getConfig("switchboard.endpoints");
        assertEquals("raw", config.getString("tcp-raw.framing"));
        assertEquals(1001, config.getInt("tcp-raw.port"));
        assertEquals("line", config.getString("tcp-line.framing"));
        assertEquals(1002, config.getInt("tcp-line.port"));
        assertEquals("udp", config.getString("udp.transport"));
        assertEquals(1003, config.getInt("udp.port"));
        assertEquals("127.0.0.1", config.getString("udp.host"));
        assertEquals(3, config.getInt("tcp-raw.threads"));
        assertEquals(3, config.getInt("tcp-line.threads"));
        assertEquals(3, config.getInt("udp.threads"));
        assertEquals(0, config.getInt("tcp-raw.max-connections-per-source"), "the idle workload's connections are from one address");
        assertEquals(0, config.getInt("tcp-raw.max-connection-rate-per-source"), "and so are the churn's");
    }

    @Test
    void bothConfigurationsPutTheAdminEndpointOnAFreePort() throws Exception {
        Path distribution = Files.writeString(directory.resolve("switchboard.conf"), "switchboard.endpoints {}\n");
        for (Path file : new Path[] {SwitchboardConfig.writeBench(directory, new Ports(1001, 1002, 1003), 1),
                SwitchboardConfig.writeDefault(directory, distribution, 4321)}) {
            assertEquals(0, ConfigFactory.parseFile(file.toFile()).resolve().getInt("switchboard.admin.port"), file.toString());
        }
    }

    @Test
    void defaultConfigurationIsTheDistributionsWithItsPortChanged() throws Exception {
        Path distribution = Files.writeString(directory.resolve("switchboard.conf"), """
                switchboard.endpoints {
                  udp { transport = udp, port = 12000 }
                  tcp { transport = tcp, port = 12000, framing = raw }
                }
                """);
        Config config = ConfigFactory.parseFile(SwitchboardConfig.writeDefault(directory, distribution, 4321).toFile())
                .resolve().getConfig("switchboard.endpoints");
        assertEquals(4321, config.getInt("udp.port"));
        assertEquals(4321, config.getInt("tcp.port"));
        assertEquals("raw", config.getString("tcp.framing"));
    }
}
