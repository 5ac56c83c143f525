package dev.switchboard.launcher.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard [--config FILE] [--check] [-Dsetting=value ...]}: without a command, serves
 * (or checks, with {@code --check}), as the launcher did before it had commands.
 */
@Command(name = "switchboard", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A pluggable protocol server. Without a command, serves the configured endpoints until"
                + " SIGTERM or Ctrl-C, as 'switchboard serve' does.",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit status (serving):%n",
        exitCodeList = {
            "0:stopped by SIGTERM or Ctrl-C, gracefully",
            "1:an endpoint could not start, such as a port in use",
            "2:a bad option, configuration or plugin"})
final class SwitchboardCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions options;

    @Option(names = "--check", description = "check instead of serving, as 'switchboard check' does")
    private boolean check;

    @Spec
    private CommandSpec spec;

    private final Context context;

    SwitchboardCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return check ? CheckCommand.check(context, options, spec.commandLine().getOut())
                : context.serve(options);
    }
}
