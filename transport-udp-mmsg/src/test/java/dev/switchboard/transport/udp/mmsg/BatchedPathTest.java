package dev.switchboard.transport.udp.mmsg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import dev.switchboard.testkit.RecordingLogger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BatchedPathTest {

    private static final MessageService UPPER = MessageService.ofText(text -> text.toUpperCase(Locale.ROOT));

    @Test
    void servesInBatchesWhenTheModuleHasNativeAccessAndSaysSoInOneInfoLine() {
        try (Endpoint endpoint = Endpoint.start("", UPPER)) {
            assertEquals(List.of("datagrams in batches: recvmmsg and sendmmsg through the Foreign Function & Memory API"
                    + " (dev.switchboard.transport.udp.mmsg)"), infoLines(endpoint));
        }
    }

    @Test
    void servesWithJavaNioWhenIoIsNio() {
        try (Endpoint endpoint = Endpoint.start("io = nio", UPPER)) {
            assertEquals(List.of("datagrams one per system call through java.nio: io = nio"), infoLines(endpoint));
        }
    }

    @Test
    void servesABlockingServiceWithJavaNioAndItsWorkers() {
        MessageService blocking = new MessageService() {
            @Override
            public void handle(ByteBuffer request, RequestContext context, Reply reply) {
                reply.write(request);
            }

            @Override
            public boolean isBlocking() {
                return true;
            }
        };
        try (Endpoint endpoint = Endpoint.start("", blocking); Client client = Client.to(endpoint.address())) {
            assertEquals(List.of("datagrams one per system call through java.nio: the service blocks, so worker threads"
                    + " answer and send one datagram at a time"), infoLines(endpoint));
            client.send("still answered");
            assertEquals("still answered", client.receiveText());
        }
    }

    private static List<String> infoLines(Endpoint endpoint) {
        return endpoint.logger.lines().stream().filter(line -> line.level() == Level.INFO)
                .map(RecordingLogger.Line::message).toList();
    }
}
