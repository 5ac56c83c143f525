package dev.switchboard.launcher.cli;

import dev.switchboard.launcher.plugin.Discovered;
import dev.switchboard.launcher.plugin.Plugins;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code switchboard plugins [--config FILE]}: every provider found, and every plugin that failed to load. */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Lists every transport, service and framing found, built in or in the plugins folder, with its"
                + " module, version and origin; then every plugin that failed to load, and why.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every plugin loaded",
            "1:a plugin failed to load",
            "2:a bad option or configuration"})
final class PluginsCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions options;

    @Spec
    private CommandSpec spec;

    private final Context context;

    PluginsCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Installation installation = Installation.open(context.home(), options, context.systemProperties());
        Plugins plugins = installation.plugins();
        PrintWriter out = spec.commandLine().getOut();
        out.println("plugins folder: " + installation.pluginsFolder().toAbsolutePath().normalize());
        Table table = new Table(List.of("KIND", "NAME", "MODULE", "VERSION", "ORIGIN"));
        for (ProviderKind<?> kind : ProviderKind.ALL) {
            addRows(table, kind, plugins);
        }
        out.print(table.render());
        if (!plugins.failed().isEmpty()) {
            out.println("not loaded:");
            plugins.failed().forEach(failure -> out.println("  " + failure.reason()));
        }
        out.flush();
        return plugins.failed().isEmpty() ? ExitStatus.OK : ExitStatus.PLUGIN_FAILED;
    }

    private static <P> void addRows(Table table, ProviderKind<P> kind, Plugins plugins) {
        kind.find(plugins).stream()
                .sorted(Comparator.comparing((Discovered<P> provider) -> provider.name()))
                .forEach(provider -> {
                    Module module = provider.provider().getClass().getModule();
                    String version = module.getDescriptor() == null ? "-"
                            : module.getDescriptor().rawVersion().orElse("-");
                    table.add(List.of(kind.kind(), provider.name(), module.isNamed() ? module.getName() : "-",
                            version, provider.origin()));
                });
    }
}
