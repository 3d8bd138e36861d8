package io.nanostream.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One system property that configures Nano-Stream: its name, its default, and the parser of its value, side by side,
 * as the rows of {@link ClientProperties}, the driver's {@code DriverProperties} and the archive's
 * {@code ArchiveProperties} declare them. An unset or blank
 * property reads as the default; a value the parser refuses is an {@link IllegalArgumentException} that names the
 * property, the value and the form it should take, never a silent default. Rules that span settings, or that apply
 * to values set in code as well (a term length must be a power of two), are checked where the settings are concluded.
 * Immutable.
 *
 * @param <T> the type of the value.
 */
public final class Setting<T>
{
    private final String name;
    private final T defaultValue;
    private final BiFunction<String, String, T> parser;

    /**
     * Declares a setting.
     *
     * @param name         the system property.
     * @param defaultValue the value when it is unset or blank; may be null, meaning "not set".
     * @param parser       makes a value from the property's name and its stripped text, or throws an
     *                     {@link IllegalArgumentException} that names both.
     */
    public Setting(final String name, final T defaultValue, final BiFunction<String, String, T> parser)
    {
        this.name = Objects.requireNonNull(name, "name is null");
        this.defaultValue = defaultValue;
        this.parser = Objects.requireNonNull(parser, "parser is null");
    }

    /**
     * A duration in whole milliseconds.
     *
     * @param name          the system property.
     * @param defaultMillis the default, in ms.
     * @param leastMillis   the least value the property may give.
     * @return the setting.
     */
    public static Setting<Duration> millis(final String name, final long defaultMillis, final long leastMillis)
    {
        return new Setting<>(name, Duration.ofMillis(defaultMillis), (property, text) ->
        {
            try
            {
                final long millis = Long.parseLong(text);
                if (millis >= leastMillis)
                {
                    return Duration.ofMillis(millis);
                }
            }
            catch (final NumberFormatException ignored)
            {
                // refused below, with the form
            }
            throw refused(property, text, "a number of milliseconds (" + leastMillis + " or more)");
        });
    }

    /**
     * A whole number.
     *
     * @param name         the system property.
     * @param defaultValue the default.
     * @return the setting.
     */
    public static Setting<Long> number(final String name, final long defaultValue)
    {
        return new Setting<>(name, defaultValue, (property, text) -> whole(property, text, defaultValue,
            Long::valueOf));
    }

    /**
     * A whole number that fits in an {@code int}.
     *
     * @param name         the system property.
     * @param defaultValue the default.
     * @return the setting.
     */
    public static Setting<Integer> count(final String name, final int defaultValue)
    {
        return new Setting<>(name, defaultValue, (property, text) -> whole(property, text, defaultValue,
            Integer::valueOf));
    }

    /**
     * A flag: {@code true} or {@code false}, in any case; nothing else.
     *
     * @param name         the system property.
     * @param defaultValue the default.
     * @return the setting.
     */
    public static Setting<Boolean> flag(final String name, final boolean defaultValue)
    {
        return new Setting<>(name, defaultValue, (property, text) -> switch (text.toLowerCase(Locale.ROOT))
        {
            case "true" -> true;
            case "false" -> false;
            default -> throw refused(property, text, "true or false");
        });
    }

    /**
     * Text, checked where the settings are concluded (an idle strategy's name, a CPU list, a path).
     *
     * @param name         the system property.
     * @param defaultValue the default; may be null.
     * @return the setting.
     */
    public static Setting<String> text(final String name, final String defaultValue)
    {
        return new Setting<>(name, defaultValue, (property, text) -> text);
    }

    /**
     * One of an enum's constants, named in any case.
     *
     * @param name         the system property.
     * @param type         the enum.
     * @param defaultValue the default.
     * @param <E>          the enum.
     * @return the setting.
     */
    public static <E extends Enum<E>> Setting<E> choice(final String name, final Class<E> type, final E defaultValue)
    {
        return new Setting<>(name, defaultValue, (property, text) ->
        {
            for (final E constant : type.getEnumConstants())
            {
                if (constant.name().equalsIgnoreCase(text))
                {
                    return constant;
                }
            }
            throw refused(property, text, "one of " + Arrays.toString(type.getEnumConstants()));
        });
    }

    private static <N extends Number> N whole(
        final String property, final String text, final N example, final Function<String, N> parser)
    {
        try
        {
            return parser.apply(text);
        }
        catch (final NumberFormatException ex)
        {
            throw refused(property, text, "a whole number, e.g. " + example);
        }
    }

    /**
     * The error for a value that is not of the expected form.
     *
     * @param property the property.
     * @param value    its value.
     * @param form     what it should be, e.g. {@code "true or false"}.
     * @return the exception, to throw.
     */
    public static IllegalArgumentException refused(final String property, final String value, final String form)
    {
        return new IllegalArgumentException("system property " + property + "=" + value + " is not " + form +
            "; fix or unset it");
    }

    /** {@return the system property's name} */
    public String name()
    {
        return name;
    }

    /** {@return the value when the property is unset or blank; may be null} */
    public T defaultValue()
    {
        return defaultValue;
    }

    /**
     * Reads the property now.
     *
     * @return its parsed value, or the default if it is unset or blank.
     * @throws IllegalArgumentException naming the property, if its value does not parse.
     */
    public T read()
    {
        final String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : parser.apply(name, value.strip());
    }

    /** {@return the property's name, so that a message can say {@code setting + "=" + value}} */
    @Override
    public String toString()
    {
        return name;
    }
}
