package dev.switchboard.launcher.cli;

import dev.switchboard.launcher.LaunchException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code switchboard} command line: {@code serve} (also what no command means), {@code send},
 * {@code plugins}, {@code check}, {@code config}, {@code stats}, {@code help} and
 * {@code generate-completion}. Usage errors print one line and the synopsis and exit 2; a launch
 * failure is logged in one line and exits with its status.
 */
public final class Cli {

    private static final String COMPLETION = "generate-completion";

    private Cli() {}

    /**
     * The command line for these arguments. Picocli reads each command's annotations when the command
     * is added, which costs start-up time, so when the arguments name a command only that one is
     * added ({@code help}, {@code generate-completion} and a misspelt name get them all).
     *
     * @param context what the commands work with
     * @param args the arguments it will {@link CommandLine#execute execute}
     * @return the command line; it writes to {@link CommandLine#getOut()} and
     *     {@link CommandLine#getErr()}, which the caller may replace
     */
    public static CommandLine create(Context context, String... args) {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("serve", () -> new ServeCommand(context));
        commands.put("send", () -> new SendCommand(context.stdin()));
        commands.put("plugins", () -> new PluginsCommand(context));
        commands.put("check", () -> new CheckCommand(context));
        commands.put("config", () -> new ConfigCommand(context));
        commands.put("stats", StatsCommand::new);
        commands.put("help", CommandLine.HelpCommand::new);
        commands.put(COMPLETION, AutoComplete.GenerateCompletion::new);
        String named = commandNamedBy(args);
        boolean alone = commands.containsKey(named) && !named.equals("help") && !named.equals(COMPLETION);
        CommandLine cli = new CommandLine(new SwitchboardCommand(context));
        commands.forEach((name, command) -> {
            if (!alone || name.equals(named)) {
                cli.addSubcommand(name, command.get());
            }
        });
        if (cli.getSubcommands().containsKey(COMPLETION)) {
            cli.getSubcommands().get(COMPLETION).getCommandSpec().usageMessage().hidden(false);
        }
        lowerCaseUsageHeading(cli);
        cli.setParameterExceptionHandler(Cli::usageError);
        cli.setExecutionExceptionHandler((e, command, parsed) -> launchFailure(e));
        cli.setExecutionStrategy(Cli::execute);
        return cli;
    }

    /**
     * Runs the command line these arguments make.
     *
     * @param context what the commands work with
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return the exit status
     */
    static int execute(Context context, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = create(context, args);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /** The first argument that is not an option or {@code --config}'s file: the command, if there is one. */
    private static String commandNamedBy(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return "";
    }

    /** Runs the command the arguments name, after refusing options given to {@code switchboard} before another command. */
    private static int execute(ParseResult parsed) {
        if (parsed.hasSubcommand()) {
            List<String> misplaced = parsed.matchedOptions().stream()
                    .filter(option -> !option.usageHelp() && !option.versionHelp())
                    .map(OptionSpec::longestName)
                    .toList();
            if (!misplaced.isEmpty()) {
                String command = parsed.subcommand().commandSpec().name();
                throw new ParameterException(parsed.commandSpec().commandLine(), String.join(", ", misplaced)
                        + " before the command " + command + ": a command's options go after it ('switchboard "
                        + command + " --help' lists them)");
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + message(e));
        UnmatchedArgumentException.printSuggestions(e, err);
        CommandLine.Help help = command.getHelp();
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        err.println("'" + command.getCommandSpec().qualifiedName() + " --help' says more.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            return unmatched.getUnmatched().stream()
                    .map(argument -> (argument.startsWith("-") ? "unknown option " : "unexpected argument ") + argument)
                    .collect(Collectors.joining("; "));
        }
        return e.getMessage();
    }

    private static int launchFailure(Exception e) throws Exception {
        if (e instanceof LaunchException launch) {
            return Commands.launchFailure(launch);
        }
        throw e;
    }

    private static void lowerCaseUsageHeading(CommandLine command) {
        command.getCommandSpec().usageMessage().synopsisHeading("usage: ");
        command.getSubcommands().values().forEach(Cli::lowerCaseUsageHeading);
    }
}
