package dev.switchboard.launcher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code switchboard check [--config FILE] [-Dsetting=value ...]}: validates without binding. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Validates the configuration and the plugins: creates every endpoint without binding"
                + " anything, and prints one line per endpoint.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:all is well",
            "2:a bad option or configuration, or a plugin that failed to load"})
final class CheckCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions options;

    @Spec
    private CommandSpec spec;

    private final Context context;

    CheckCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return check(context, options, spec.commandLine().getOut());
    }

    /**
     * @param out where the plan goes
     * @return the exit status
     * @throws dev.switchboard.launcher.LaunchException if the configuration is bad
     */
    static int check(Context context, ConfigOptions options, PrintWriter out) {
        ByteArrayOutputStream plan = new ByteArrayOutputStream();
        int status = context.launcher(options).check(new PrintStream(plan, true, UTF_8));
        out.print(plan.toString(UTF_8));
        out.flush();
        return status;
    }
}
