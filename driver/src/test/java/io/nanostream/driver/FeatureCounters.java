package io.nanostream.driver;

import io.nanostream.buffer.CountersReader;
import io.nanostream.buffer.MappedFile;
import io.nanostream.client.protocol.ControlFile;
import io.nanostream.client.protocol.CounterTypes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a driver's feature counters from its control file, as {@code stat} does from another process. */
final class FeatureCounters
{
    private FeatureCounters()
    {
    }

    /**
     * The feature counters, one line each: value, then label.
     *
     * @param directory the driver directory.
     * @return e.g. {@code 0 affinity: off: not requested (nanostream.affinity unset)}.
     */
    static List<String> read(final Path directory)
    {
        return read(directory, CounterTypes.FEATURE);
    }

    /**
     * The counters of one type, one line each: value, then label.
     *
     * @param directory the driver directory.
     * @param typeId    the type.
     * @return the lines.
     */
    static List<String> read(final Path directory, final int typeId)
    {
        final List<String> lines = new ArrayList<>();
        try (MappedFile mapping = MappedFile.open(directory.resolve(ControlFile.FILE_NAME)))
        {
            final ControlFile control = new ControlFile(mapping.buffer());
            new CountersReader(control.countersMetadata(), control.countersValues()).forEach((id, type, label, value) ->
            {
                if (type == typeId)
                {
                    lines.add(value + " " + label);
                }
            });
        }
        return lines;
    }
}
