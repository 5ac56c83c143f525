/**
 * The {@code uppercase} message service, Switchboard's default: answers each request in upper case.
 * Exports nothing; the launcher finds the provider through
 * {@link dev.switchboard.api.MessageServiceProvider}.
 */
module dev.switchboard.service.uppercase {
    requires dev.switchboard.api;

    provides dev.switchboard.api.MessageServiceProvider with dev.switchboard.service.uppercase.UppercaseProvider;
}
