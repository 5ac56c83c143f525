package dev.switchboard.service.uppercase;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import java.nio.ByteBuffer;

/**
 * The {@code ascii} mode: raises ASCII a–z and leaves every other byte as it is, so the reply is
 * exactly as long as the request. Decodes and allocates nothing.
 */
final class AsciiUppercase implements MessageService {

    @Override
    public void handle(ByteBuffer request, RequestContext context, Reply reply) {
        int length = request.remaining();
        ByteBuffer out = reply.buffer(length);
        int at = out.position();
        AsciiCase.raise(request, request.position(), request.limit(), out, at);
        out.position(at + length);
    }

    @Override
    public String toString() {
        return "uppercase (ascii)";
    }
}
