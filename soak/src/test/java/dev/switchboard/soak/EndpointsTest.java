package dev.switchboard.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    private static final List<String> STARTED = List.of(
            "2026-12-01 22:49:09.900 INFO    switchboard.launcher  udp 127.0.0.1:41001, 2 sockets -> [uppercase]",
            "2026-12-01 22:49:09.901 INFO    switchboard.launcher  tcp-raw (tcp) 127.0.0.1:41002 raw, 2 loops -> [uppercase]",
            "2026-12-01 22:49:09.902 INFO    switchboard.launcher  tcp-line (tcp) 127.0.0.1:41003 line, 2 loops -> [uppercase]",
            "2026-12-01 22:49:09.903 INFO    switchboard.launcher  tcp-length-prefixed (tcp) 127.0.0.1:41004 length-prefixed, 2 loops -> [uppercase]",
            "2026-12-01 22:49:09.950 INFO    switchboard.launcher  ready in 412 ms");

    @Test
    void readsEachEndpointsPortFromItsStartUpLine() {
        Endpoints endpoints = Endpoints.parse(STARTED).orElseThrow();

        assertEquals(new InetSocketAddress("127.0.0.1", 41001), endpoints.udp());
        assertEquals(Map.of(
                Framing.RAW, new InetSocketAddress("127.0.0.1", 41002),
                Framing.LINE, new InetSocketAddress("127.0.0.1", 41003),
                Framing.LENGTH_PREFIXED, new InetSocketAddress("127.0.0.1", 41004)), endpoints.tcp());
    }

    @Test
    void isEmptyIfAnEndpointDidNotSayWhereItListens() {
        assertTrue(Endpoints.parse(STARTED.subList(1, STARTED.size())).isEmpty());
        assertTrue(Endpoints.parse(List.of(STARTED.get(0), STARTED.get(1), STARTED.get(3))).isEmpty());
    }
}
