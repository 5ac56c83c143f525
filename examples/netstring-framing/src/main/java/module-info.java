/**
 * The {@code netstring} framing, an example of a framing plugin: requests and replies are djb's
 * netstrings, such as {@code 5:hello,}. Exports nothing: the launcher finds the provider through
 * {@link java.util.ServiceLoader}.
 */
module dev.switchboard.examples.netstring {
    requires dev.switchboard.api;

    provides dev.switchboard.api.FrameCodecProvider with dev.switchboard.examples.netstring.NetstringProvider;
}
