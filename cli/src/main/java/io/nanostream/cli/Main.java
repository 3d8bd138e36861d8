package io.nanostream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

import java.util.ServiceLoader;

/** The {@code nano-stream} command. */
@Command(
    name = "nano-stream",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Low-latency messaging between threads, processes and machines.",
    subcommands = {CommandLine.HelpCommand.class, DriverCommand.class, ArchiveCommand.class, StatCommand.class,
    BacklogCommand.class,
        ErrorsCommand.class, LossCommand.class, PingCommand.class, PongCommand.class})
public final class Main implements Runnable
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "On an error, print its stack trace too.")
    private boolean verbose;

    /**
     * Runs the command and exits with its status.
     *
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null)
        {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                "nano-stream: %4$s: %5$s%6$s%n"); // one line per record
        }
        System.exit(execute(args));
    }

    /**
     * Runs the command.
     *
     * @param args the command line.
     * @return the exit status.
     */
    public static int execute(final String... args)
    {
        final CommandLine commandLine = new CommandLine(new Main());
        for (final CliExtension extension : ServiceLoader.load(CliExtension.class))
        {
            commandLine.addSubcommand(extension);
        }
        if (!commandLine.getSubcommands().containsKey("bench"))
        {
            // the launcher builds the benchmarks only for bench: say it is there all the same
            commandLine.getCommandSpec().usageMessage().footer("",
                "  bench    Measures Nano-Stream against the Disruptor, JCTools and Aeron",
                "             ./nano-stream bench [ring|ipc|udp|archive], built on first use");
        }
        commandLine.setExecutionExceptionHandler(Main::report);
        return commandLine.execute(args);
    }

    /**
     * An expected failure (no driver, a driver already running, a bad setting) is one line that says what to do;
     * {@code --verbose} adds the stack trace.
     */
    private static int report(final Exception ex, final CommandLine commandLine, final ParseResult parseResult)
    {
        final PrintWriter err = commandLine.getErr();
        final boolean verbose = parseResult.asCommandLineList().stream().anyMatch(line -> line.getParseResult().hasMatchedOption("--verbose"));
        if (verbose)
        {
            ex.printStackTrace(err);
        }
        else
        {
            err.println("nano-stream " + commandLine.getCommandName() + ": " + message(ex) +
                " (--verbose for the stack trace)");
        }
        err.flush();
        return 1;
    }

    private static String message(final Throwable ex)
    {
        final String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            final String version = Main.class.getPackage().getImplementationVersion();
            return new String[]{"nano-stream " + (version == null ? "(development build)" : version) +
                " on Java " + Runtime.version()};
        }
    }
}
