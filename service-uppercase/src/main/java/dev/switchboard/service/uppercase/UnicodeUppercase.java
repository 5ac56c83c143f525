package dev.switchboard.service.uppercase;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import java.nio.ByteBuffer;

/**
 * The {@code unicode} mode, the default: full Unicode upper case of UTF-8 text ("héllo ß" becomes
 * "HÉLLO SS"), and for input that is not valid UTF-8 only ASCII a–z raised, every other byte
 * unchanged.
 *
 * <p>Requests are raised eight ASCII bytes at a time straight into the reply, which for all-ASCII
 * text is the whole work: nothing is decoded. Only from the first non-ASCII byte on is the rest of
 * the request decoded and upper-cased code point by code point, into buffers kept per thread. Case
 * mapping with {@link java.util.Locale#ROOT} depends on no context, so the two parts can be
 * upper-cased apart. Once warm, requests of up to 64 KiB allocate nothing.
 */
final class UnicodeUppercase implements MessageService {

    private final ThreadLocal<UnicodeCase> unicodeCases = ThreadLocal.withInitial(UnicodeCase::new);

    @Override
    public void handle(ByteBuffer request, RequestContext context, Reply reply) {
        int start = request.position();
        int end = request.limit();
        int ascii = 0;
        // A request too long for the reply skips this step: its upper case may still fit, as
        // some characters shrink ("ı" becomes "I").
        if (end - start <= reply.maxBytes() - reply.size()) {
            ByteBuffer out = reply.buffer(end - start);
            ascii = AsciiCase.raiseAsciiPrefix(request, start, end, out, out.position());
            out.position(out.position() + ascii);
            if (ascii == end - start) {
                return;
            }
        }
        int restStart = start + ascii;
        if (upperCaseText(request, restStart, reply)) {
            return;
        }
        ByteBuffer out = reply.buffer(end - restStart);
        int at = out.position();
        AsciiCase.raise(request, restStart, end, out, at);
        out.position(at + end - restStart);
    }

    /**
     * Decodes the request from {@code from} on, without the allocation of a slice: the request is
     * the service's during the call, and its position is put back before returning.
     */
    private boolean upperCaseText(ByteBuffer request, int from, Reply reply) {
        int position = request.position();
        try {
            return unicodeCases.get().upperCase(request.position(from), reply);
        } finally {
            request.position(position);
        }
    }

    @Override
    public String toString() {
        return "uppercase (unicode)";
    }
}
