package dev.switchboard.examples.reverse;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import java.nio.ByteBuffer;

/**
 * Reverses UTF-8 text by code point ({@code "héllo"} becomes {@code "olléh"}, an emoji stays
 * whole), working on the request's bytes directly: nothing is decoded or allocated per request.
 * Input that is not valid UTF-8 has its bytes reversed instead. Combining marks are code points of
 * their own, so they move to the other side of their base letter, as in any code-point reversal.
 */
final class ReverseService implements MessageService {

    private final boolean keepTrailingNewline;

    ReverseService(boolean keepTrailingNewline) {
        this.keepTrailingNewline = keepTrailingNewline;
    }

    @Override
    public void handle(ByteBuffer request, RequestContext context, Reply reply) {
        int start = request.position();
        int end = request.limit();
        int textEnd = keepTrailingNewline ? endOfText(request, start, end) : end;
        ByteBuffer out = reply.buffer(end - start);
        if (Utf8.isValid(request, start, textEnd)) {
            putCodePointsReversed(request, start, textEnd, out);
        } else {
            for (int i = textEnd - 1; i >= start; i--) {
                out.put(request.get(i));
            }
        }
        out.put(request.slice(textEnd, end - textEnd));
    }

    /** @return where a trailing LF or CRLF begins, or {@code end} if there is none */
    private static int endOfText(ByteBuffer request, int start, int end) {
        if (end == start || request.get(end - 1) != '\n') {
            return end;
        }
        return end - 1 > start && request.get(end - 2) == '\r' ? end - 2 : end - 1;
    }

    /** Copies each code point's bytes, last code point first; the input is valid UTF-8. */
    private static void putCodePointsReversed(ByteBuffer request, int start, int end, ByteBuffer out) {
        int next = end;
        while (next > start) {
            int first = next - 1;
            while (Utf8.isContinuation(request.get(first))) {
                first--;
            }
            out.put(request.slice(first, next - first));
            next = first;
        }
    }
}
