package dev.switchboard.launcher.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code switchboard serve [--config FILE] [-Dsetting=value ...]}: the server. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Serves the configured endpoints until SIGTERM or Ctrl-C, then stops them gracefully,"
                + " answering every request already received. SIGHUP reloads the configuration and the plugins.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:stopped by SIGTERM or Ctrl-C, gracefully",
            "1:an endpoint or the admin endpoint could not start, such as a port in use",
            "2:a bad option, configuration or plugin"})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions options;

    private final Context context;

    ServeCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return context.serve(options);
    }
}
