package io.nanostream.cli;

import io.nanostream.archive.ArchiveClient;
import io.nanostream.client.ClientContext;
import io.nanostream.client.NanoStream;

import java.nio.file.Path;

/** A connection to a running archive through its driver, for the archive subcommands that ask it to do something. */
record ArchiveSession(NanoStream client, ArchiveClient archive) implements AutoCloseable
{
    static ArchiveSession connect(final Path driverDirectory)
    {
        final ClientContext context = new ClientContext();
        if (driverDirectory != null)
        {
            context.directory(driverDirectory);
        }
        final NanoStream client = NanoStream.connect(context);
        try
        {
            return new ArchiveSession(client, ArchiveClient.connect(client));
        }
        catch (final RuntimeException ex)
        {
            client.close();
            throw ex;
        }
    }

    @Override
    public void close()
    {
        archive.close();
        client.close();
    }
}
