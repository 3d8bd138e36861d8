package io.nanostream.bench.ipc;

import io.nanostream.client.ClientContext;

import java.nio.file.Path;

/**
 * Client settings for benchmark JVMs: an error the client reports (its driver lost or stopped, the client timed out)
 * ends the JVM at once with the reason on stderr and exit status 3, so a run that cannot finish says why instead of
 * spinning on a closed publication until someone kills it.
 */
public final class FailFastClients
{
    /** The exit status of a benchmark JVM whose client failed. */
    public static final int EXIT_STATUS = 3;

    private FailFastClients()
    {
    }

    /**
     * A client context for a driver directory that ends the JVM on any client error.
     *
     * @param directory the driver's directory.
     * @return the context.
     */
    public static ClientContext context(final Path directory)
    {
        return new ClientContext().directory(directory).errorHandler(error ->
        {
            System.err.println("benchmark client failed: " + error);
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_STATUS);
        });
    }
}
