package dev.switchboard.examples.reverse;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.MessageServiceProvider;
import dev.switchboard.api.ServiceContext;

/**
 * Provides the {@code reverse} service, which answers each request with its text reversed by code
 * point. Its one setting, {@code keep-trailing-newline}, is documented in this module's
 * {@code reference.conf}.
 */
public final class ReverseProvider implements MessageServiceProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public ReverseProvider() {}

    /** @return {@code "reverse"} */
    @Override
    public String name() {
        return "reverse";
    }

    /**
     * @param context the endpoint and the service's settings
     * @return a new service
     * @throws dev.switchboard.api.SettingsException if {@code keep-trailing-newline} is not a boolean
     */
    @Override
    public MessageService create(ServiceContext context) {
        return new ReverseService(context.settings().bool("keep-trailing-newline"));
    }
}
