package io.nanostream.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;

/** Reads a duration option: a number with ms, s or m (500ms, 10s, 2m); a bare number is seconds. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration>
{
    @Override
    public Duration convert(final String value)
    {
        final String text = value.strip().toLowerCase(Locale.ROOT);
        try
        {
            final Duration duration;
            if (text.endsWith("ms"))
            {
                duration = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            else if (text.endsWith("s"))
            {
                duration = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            else if (text.endsWith("m"))
            {
                duration = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            else
            {
                duration = Duration.ofSeconds(Long.parseLong(text));
            }
            if (duration.isNegative() || duration.isZero())
            {
                throw new NumberFormatException("not positive");
            }
            return duration;
        }
        catch (final NumberFormatException ex)
        {
            throw new CommandLine.TypeConversionException("'" + value +
                "' is not a duration; give a positive number with ms, s or m " + "(500ms, 10s, 2m)");
        }
    }
}
