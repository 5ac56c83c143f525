package dev.switchboard.launcher.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code switchboard config [--config FILE]}: the effective configuration, each value with its origin. */
@Command(name = "config", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Prints the effective configuration of switchboard.*, one value per line sorted by path,"
                + " each with where it came from: file:line, the reference.conf of a module (the defaults),"
                + " -D, or the environment.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:printed",
            "2:a bad option or configuration"})
final class ConfigCommand implements Callable<Integer> {

    private static final String ROOT = "switchboard";
    private static final ConfigRenderOptions HOCON = ConfigRenderOptions.concise().setJson(false);
    /** Origins line up in this column, unless a value is longer. */
    private static final int ORIGIN_COLUMN = 64;

    @Mixin
    private ConfigOptions options;

    @Spec
    private CommandSpec spec;

    private final Context context;

    ConfigCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Installation installation = Installation.open(context.home(), options, context.systemProperties());
        Config config = installation.config().config();
        Origins origins = Origins.of(installation.plugins());
        PrintWriter out = spec.commandLine().getOut();
        if (config.hasPath(ROOT)) {
            List<Map.Entry<String, ConfigValue>> values = new ArrayList<>(config.withOnlyPath(ROOT).entrySet());
            values.sort(Map.Entry.comparingByKey());
            for (Map.Entry<String, ConfigValue> value : values) {
                String setting = value.getKey() + " = " + value.getValue().render(HOCON);
                String padding = " ".repeat(Math.max(2, ORIGIN_COLUMN - setting.length()));
                out.println(setting + padding + "# " + origins.describe(value.getValue().origin()));
            }
        }
        out.flush();
        return ExitStatus.OK;
    }
}
