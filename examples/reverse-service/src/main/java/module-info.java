/**
 * An example third-party plugin: the {@code reverse} message service. Built only against the
 * published api, which the launcher provides at run time; exports nothing, since the launcher finds
 * the provider through {@link dev.switchboard.api.MessageServiceProvider}.
 */
module dev.switchboard.examples.reverse {
    requires dev.switchboard.api;

    provides dev.switchboard.api.MessageServiceProvider with dev.switchboard.examples.reverse.ReverseProvider;
}
