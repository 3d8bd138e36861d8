/**
 * The {@code nano-stream} command: benchmarks, and (as the driver arrives) the driver, stat and errors
 * tools. Further subcommands are found through {@link io.nanostream.cli.CliExtension} services.
 */
module io.nanostream.cli {
    requires io.nanostream.ring;
    requires io.nanostream.driver;
    requires info.picocli;

    exports io.nanostream.cli;
    opens io.nanostream.cli to info.picocli;

    uses io.nanostream.cli.CliExtension;
}
