/**
 * The {@code nano-stream} command: the standalone driver and the tools around it (stat, errors, loss,
 * ping, pong). Further subcommands, such as the benchmarks' {@code bench}, are found through
 * {@link io.nanostream.cli.CliExtension} services.
 */
module io.nanostream.cli {
    requires io.nanostream.driver;
    requires io.nanostream.archive;
    requires io.nanostream.natives;
    requires info.picocli;
    requires HdrHistogram;

    exports io.nanostream.cli;
    opens io.nanostream.cli to info.picocli;

    uses io.nanostream.cli.CliExtension;
}
