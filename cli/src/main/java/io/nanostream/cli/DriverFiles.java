package io.nanostream.cli;

import io.nanostream.buffer.MappedFile;
import io.nanostream.client.ClientContext;
import io.nanostream.client.protocol.ControlFile;

import java.nio.file.Files;
import java.nio.file.Path;

/** Maps a driver's control file for the monitoring commands, with errors that say what to do. */
final class DriverFiles
{
    private DriverFiles()
    {
    }

    static Path directoryOrDefault(final Path directory)
    {
        return directory != null ? directory : ClientContext.defaultDirectory();
    }

    static MappedFile mapControlFile(final Path directory)
    {
        final Path file = directory.resolve(ControlFile.FILE_NAME);
        if (!Files.exists(file))
        {
            throw new IllegalStateException("no media driver in " + directory + " (" + file +
                " does not exist); start one with " + "`./nano-stream driver --dir " + directory + "`, or pass --dir");
        }
        final MappedFile mapping = MappedFile.open(file);
        try
        {
            new ControlFile(mapping.buffer()).checkReady(file);
        }
        catch (final IllegalStateException ex)
        {
            mapping.close();
            throw ex;
        }
        return mapping;
    }
}
