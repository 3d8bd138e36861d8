package io.nanostream.cli;

import java.util.concurrent.Callable;

/**
 * A subcommand that another jar adds to {@code nano-stream} (the benchmarks jar adds {@code bench}):
 * a picocli {@code @Command} class, registered as a {@link java.util.ServiceLoader} service.
 */
public interface CliExtension extends Callable<Integer>
{
}
