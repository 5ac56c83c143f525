package dev.switchboard.launcher.cli;

import java.lang.module.ModuleDescriptor;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the launcher module's version and the Java runtime's. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        ModuleDescriptor descriptor = Version.class.getModule().getDescriptor();
        String version = descriptor == null ? "(unknown version)" : descriptor.rawVersion().orElse("(unknown version)");
        return new String[] {"switchboard " + version + " (Java " + Runtime.version() + ")"};
    }
}
