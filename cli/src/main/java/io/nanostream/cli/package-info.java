/**
 * The {@code nano-stream} command: picocli subcommands around a driver.
 *
 * <pre>
 *   Main ─┬─ driver        run a standalone media driver
 *         ├─ stat, errors, loss   read a running driver's files (DriverFiles)
 *         ├─ ping, pong    round trips through running drivers
 *         └─ CliExtension  subcommands from other jars (the benchmarks' bench)
 * </pre>
 */
package io.nanostream.cli;
