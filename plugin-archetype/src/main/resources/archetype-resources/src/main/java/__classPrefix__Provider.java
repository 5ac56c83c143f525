package ${package};

import dev.switchboard.api.MessageService;
import dev.switchboard.api.MessageServiceProvider;
import dev.switchboard.api.ServiceContext;
import java.nio.charset.StandardCharsets;

/**
 * Provides the {@code ${serviceName}} service. Its one setting, {@code suffix}, is documented with
 * its default in this module's {@code reference.conf}; an endpoint may override it for itself:
 * {@code services = [{ name = ${serviceName}, suffix = "?" }]}.
 */
public final class ${classPrefix}Provider implements MessageServiceProvider {

    /** The longest suffix accepted, in bytes of UTF-8. */
    static final int MAX_SUFFIX_BYTES = 256;

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public ${classPrefix}Provider() {}

    /** @return {@code "${serviceName}"}, the name configurations use in {@code services = [...]} */
    @Override
    public String name() {
        return "${serviceName}";
    }

    /**
     * Reads and validates every setting, before any endpoint binds.
     *
     * @param context the endpoint, the service's settings and a logger
     * @return a new service
     * @throws dev.switchboard.api.SettingsException if {@code suffix} is not a string of at most
     *     {@value #MAX_SUFFIX_BYTES} bytes
     */
    @Override
    public MessageService create(ServiceContext context) {
        byte[] suffix = context.settings().string("suffix").getBytes(StandardCharsets.UTF_8);
        if (suffix.length > MAX_SUFFIX_BYTES) {
            throw context.settings().invalid("suffix", "at most " + MAX_SUFFIX_BYTES + " bytes of UTF-8");
        }
        return new ${classPrefix}Service(suffix);
    }
}
