package ${package};

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import dev.switchboard.testkit.TestSettings;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/**
 * The service called directly, as a transport calls it, with a Mockito mock where the test is about
 * what the service does with a collaborator: here, that it does nothing with the request's context.
 * Mockito runs as a {@code -javaagent} (see the Surefire configuration in pom.xml).
 */
@ExtendWith(MockitoExtension.class)
class ${classPrefix}ServiceMockTest {

    @Mock
    RequestContext context;

    @Test
    void answersWithoutAskingWhereTheRequestCameFrom() throws Exception {
        MessageService service = new ${classPrefix}Provider().create(TestSettings.serviceContext("${serviceName}", ""));
        Reply reply = Reply.allocate(64);

        service.handle(ByteBuffer.wrap("hi".getBytes(UTF_8)), context, reply);

        assertEquals("hi!", UTF_8.decode(reply.content()).toString());
        verifyNoInteractions(context);
    }
}
