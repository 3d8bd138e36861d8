package io.nanostream.cli;

import io.nanostream.driver.DriverProperties;
import picocli.CommandLine;

/** Reads a size option as the channel URIs and system properties do: bytes, or a number with k, m or g. */
final class SizeConverter implements CommandLine.ITypeConverter<Integer>
{
    @Override
    public Integer convert(final String value)
    {
        try
        {
            return DriverProperties.parseSize("size", value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.TypeConversionException("'" + value +
                "' is not a size; give bytes, or a number with k, m or g (64k, 16m, 1g)");
        }
    }
}
