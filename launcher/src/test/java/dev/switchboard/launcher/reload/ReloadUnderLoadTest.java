package dev.switchboard.launcher.reload;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.Transport;
import dev.switchboard.launcher.Launcher;
import dev.switchboard.launcher.TestHome;
import dev.switchboard.launcher.TestPlugins;
import dev.switchboard.launcher.endpoint.Endpoint;
import dev.switchboard.launcher.endpoint.Server;
import dev.switchboard.testkit.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloads while TCP and UDP clients send without pause, switching the services of the endpoints
 * they use back and forth and adding and removing another endpoint, or changing their transport
 * settings on the same sockets: every request gets its reply, and every reply is the one service
 * chain or the other's answer to it.
 */
@Timeout(120)
class ReloadUnderLoadTest {

    private static final int RELOADS = 6;
    private static final int CLIENTS = 2;
    private static final String PLAIN = """
            switchboard.endpoint-defaults { host = 127.0.0.1, port = 0, threads = 2, shutdown-grace = 2s }
            switchboard.endpoints {
              tcp { transport = tcp, framing = line, services = [uppercase] }
              udp { transport = udp, services = [uppercase] }
            }
            """;
    private static final String REVERSED = """
            switchboard.endpoint-defaults { host = 127.0.0.1, port = 0, threads = 2, shutdown-grace = 2s }
            switchboard.endpoints {
              tcp { transport = tcp, framing = line, services = [reverse, uppercase] }
              udp { transport = udp, services = [reverse, uppercase] }
              extra { transport = tcp, framing = line, services = [uppercase] }
            }
            """;

    /** The same endpoints on the same addresses with other transport settings, which a reload takes over. */
    private static final String RESET_LIMITS = """
            switchboard.endpoint-defaults { host = 127.0.0.1, port = 0, threads = 2, shutdown-grace = 2s }
            switchboard.endpoints {
              tcp { transport = tcp, framing = line, max-message-bytes = 1000, idle-timeout = 1h, services = [uppercase] }
              udp { transport = udp, max-message-bytes = 1000, receive-buffer-bytes = 512KiB, worker-queue = 512,
                    services = [reverse, uppercase] }
            }
            """;

    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong wrong = new AtomicLong();
    private final AtomicLong tcpLost = new AtomicLong();
    private final AtomicLong udpLost = new AtomicLong();
    private volatile boolean running = true;

    @Test
    void losesNoRequestAndAnswersNoneWronglyWhileReloading(@TempDir Path directory) throws Exception {
        reloadUnderLoad(directory, PLAIN, REVERSED, false);
    }

    @Test
    void losesNoRequestAndAnswersNoneWronglyWhileReloadsChangeTransportSettings(@TempDir Path directory)
            throws Exception {
        reloadUnderLoad(directory, PLAIN, RESET_LIMITS, true);
    }

    /**
     * Serves {@code first}, then reloads {@code second} and {@code first} in turn while clients send.
     *
     * @param takenOver whether each reload gives the clients' endpoints new transports on their sockets
     */
    private void reloadUnderLoad(Path directory, String first, String second, boolean takenOver) throws Exception {
        TestHome home = new TestHome(directory);
        Files.copy(TestPlugins.reverseJar(), home.plugins().resolve("reverse.jar"));
        home.configure(first);
        Launcher launcher = home.launcher();
        Server server = launcher.start();
        Reloader reloader = launcher.get(Reloader.class);
        List<Thread> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(start("tcp-client-" + i, tcpClient(address(server, "tcp"), i)));
                clients.add(start("udp-client-" + i, udpClient(address(server, "udp"), i)));
            }
            awaitMoreReplies(20 * clients.size());
            for (int i = 0; i < RELOADS; i++) {
                home.configure(i % 2 == 0 ? second : first);
                Transport tcp = transport(server, "tcp");
                Transport udp = transport(server, "udp");
                assertTrue(reloader.reload(), "reload " + i);
                if (takenOver) {
                    assertNotSame(tcp, transport(server, "tcp"), "reload " + i + " took the tcp socket over");
                    assertNotSame(udp, transport(server, "udp"), "reload " + i + " took the udp sockets over");
                    assertEquals(tcp.localAddress(), transport(server, "tcp").localAddress());
                    assertEquals(udp.localAddress(), transport(server, "udp").localAddress());
                }
                awaitMoreReplies(10 * clients.size());
            }
        } finally {
            running = false;
            for (Thread client : clients) {
                client.join(10_000);
            }
            server.stop();
        }
        System.out.printf(Locale.ROOT, "reload under load: %d reloads, %d replies, %d wrong, %d TCP lost, %d UDP lost%n",
                RELOADS, replies.get(), wrong.get(), tcpLost.get(), udpLost.get());
        assertEquals(0, wrong.get(), "wrong replies");
        assertEquals(0, tcpLost.get(), "TCP requests without a reply");
        assertEquals(0, udpLost.get(), "UDP requests without a reply over loopback");
    }

    private static InetSocketAddress address(Server server, String name) {
        return (InetSocketAddress) transport(server, name).localAddress();
    }

    private static Transport transport(Server server, String name) {
        return server.endpoints().stream().filter(endpoint -> endpoint.name().equals(name)).findFirst()
                .map(Endpoint::transport).orElseThrow();
    }

    private void awaitMoreReplies(long more) {
        long target = replies.get() + more;
        Await.until(() -> replies.get() >= target || wrong.get() + tcpLost.get() + udpLost.get() > 0,
                target + " replies");
    }

    private static Thread start(String name, Runnable client) {
        Thread thread = new Thread(client, name);
        thread.start();
        return thread;
    }

    /** Whether {@code reply} is what uppercase, or reverse then uppercase, answers to {@code request}. */
    private void check(String request, String reply) {
        String upper = request.toUpperCase(Locale.ROOT);
        if (reply.equals(upper) || reply.equals(new StringBuilder(upper).reverse().toString())) {
            replies.incrementAndGet();
        } else {
            wrong.incrementAndGet();
        }
    }

    private Runnable tcpClient(InetSocketAddress server, int client) {
        return () -> {
            try (Socket socket = new Socket()) {
                socket.connect(server, 5_000);
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
                for (long sequence = 0; running; sequence++) {
                    String request = "tcp" + client + "n" + sequence;
                    out.write((request + "\n").getBytes(UTF_8));
                    String reply = in.readLine();
                    if (reply == null) {
                        tcpLost.incrementAndGet();
                        return;
                    }
                    check(request, reply);
                }
            } catch (IOException e) {
                tcpLost.incrementAndGet();
            }
        };
    }

    private Runnable udpClient(InetSocketAddress server, int client) {
        return () -> {
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                socket.setSoTimeout(2_000);
                byte[] buffer = new byte[512];
                for (long sequence = 0; running; sequence++) {
                    byte[] request = ("udp" + client + "n" + sequence).getBytes(UTF_8);
                    socket.send(new DatagramPacket(request, request.length, server));
                    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                    try {
                        socket.receive(reply);
                    } catch (SocketTimeoutException e) {
                        udpLost.incrementAndGet();
                        return;
                    }
                    check(new String(request, UTF_8), new String(buffer, 0, reply.getLength(), UTF_8));
                }
            } catch (IOException e) {
                udpLost.incrementAndGet();
            }
        };
    }
}
