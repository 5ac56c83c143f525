package dev.switchboard.service.uppercase;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.MessageServiceProvider;
import dev.switchboard.api.ServiceContext;
import java.util.List;

/**
 * Provides the {@code uppercase} service, which answers each request in upper case. Its one setting,
 * {@code mode} ({@code unicode} or {@code ascii}), is documented in this module's
 * {@code reference.conf}.
 */
public final class UppercaseProvider implements MessageServiceProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public UppercaseProvider() {}

    /** @return {@code "uppercase"} */
    @Override
    public String name() {
        return "uppercase";
    }

    /**
     * @param context the endpoint and the service's settings
     * @return a new service
     * @throws dev.switchboard.api.SettingsException if {@code mode} is neither {@code unicode} nor
     *     {@code ascii}
     */
    @Override
    public MessageService create(ServiceContext context) {
        String mode = context.settings().oneOf("mode", List.of("unicode", "ascii"));
        return mode.equals("ascii") ? new AsciiUppercase() : new UnicodeUppercase();
    }
}
