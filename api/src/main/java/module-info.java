/**
 * Switchboard's service-provider interfaces.
 *
 * <p>A {@link dev.switchboard.api.TransportProvider} creates a {@link dev.switchboard.api.Transport}
 * (how bytes arrive and leave: UDP, TCP, ...); a {@link dev.switchboard.api.MessageServiceProvider}
 * creates a {@link dev.switchboard.api.MessageService} (what is done to one request); a
 * {@link dev.switchboard.api.FrameCodecProvider} creates a {@link dev.switchboard.api.FrameCodec}
 * (how a stream transport cuts bytes into requests and frames replies). The launcher finds all three
 * with {@link java.util.ServiceLoader} and wires them together from configuration.
 *
 * <p>A plugin declares its providers in its module descriptor:
 * <pre>{@code
 * module com.example.reverse {
 *     requires dev.switchboard.api;
 *     provides dev.switchboard.api.MessageServiceProvider with com.example.reverse.ReverseProvider;
 * }
 * }</pre>
 */
module dev.switchboard.api {
    exports dev.switchboard.api;

    // Framings.installed(): the framings of the boot layer, for contexts built outside the launcher
    uses dev.switchboard.api.FrameCodecProvider;
}
