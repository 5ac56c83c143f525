package dev.switchboard.examples.netstring;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.FrameCodecContext;
import dev.switchboard.api.FrameCodecProvider;

/**
 * Provides the {@code netstring} framing ({@code framing = netstring} on a stream endpoint): each
 * request is a netstring, {@code <length>:<payload>,}, and each reply is framed the same way.
 */
public final class NetstringProvider implements FrameCodecProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public NetstringProvider() {}

    /** @return {@code "netstring"} */
    @Override
    public String name() {
        return "netstring";
    }

    /**
     * @param context the endpoint's {@code max-message-bytes}, the largest payload a request may
     *     announce
     * @return a codec for the endpoint
     * @throws dev.switchboard.api.SettingsException if {@code max-message-bytes} leaves no room for a
     *     frame's header and trailer in a Java array (more than {@value NetstringCodec#MAX_PAYLOAD})
     */
    @Override
    public FrameCodec create(FrameCodecContext context) {
        if (context.maxMessageBytes() > NetstringCodec.MAX_PAYLOAD) {
            throw context.settings().invalid("max-message-bytes",
                    "at most " + NetstringCodec.MAX_PAYLOAD + " bytes with netstring framing");
        }
        return new NetstringCodec(context.maxMessageBytes());
    }
}
