package dev.switchboard.api;

/**
 * Service-provider interface of a framing: creates the {@link FrameCodec}s of one framing, by the
 * name a configuration gives in {@code framing = <name>}. Found with {@link java.util.ServiceLoader},
 * in the launcher's modules and in every plugin, as {@link TransportProvider}s are.
 *
 * <p>A provider is a public class with a public no-argument constructor, declared in its module's
 * descriptor:
 * <pre>{@code
 * module com.example.netstring {
 *     requires dev.switchboard.api;
 *     provides dev.switchboard.api.FrameCodecProvider with com.example.netstring.NetstringProvider;
 * }
 * }</pre>
 * or, for a plain jar, in {@code META-INF/services/dev.switchboard.api.FrameCodecProvider}. A stream
 * transport looks its framing up by name through {@link TransportContext#frameCodec(String, int)}.
 * Built-in framings: {@code raw}, {@code line} and {@code length-prefixed}.
 */
public interface FrameCodecProvider {

    /**
     * The name configurations use to pick this framing, such as {@code "line"}: lower case, digits
     * and dashes, unique among the framings the launcher sees.
     *
     * @return the framing's name
     */
    String name();

    /**
     * Creates the codec of one endpoint. Called while the endpoint is created, before anything
     * binds, on the launcher's thread; a codec is cheap and holds no connection state.
     *
     * @param context the endpoint, its maximum message size and its settings
     * @return a new codec, never null
     * @throws SettingsException if the context asks for what this framing cannot do
     */
    FrameCodec create(FrameCodecContext context);
}
