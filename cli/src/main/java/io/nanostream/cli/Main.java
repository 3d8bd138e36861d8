package io.nanostream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.ServiceLoader;

/** The {@code nano-stream} command. */
@Command(
    name = "nano-stream",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Low-latency messaging between threads, processes and machines.",
    subcommands = {CommandLine.HelpCommand.class, DriverCommand.class, StatCommand.class, ErrorsCommand.class, LossCommand.class,
        PingCommand.class, PongCommand.class})
public final class Main implements Runnable
{
    @Spec
    private CommandSpec spec;

    /**
     * Runs the command and exits with its status.
     *
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
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
        return commandLine.execute(args);
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
