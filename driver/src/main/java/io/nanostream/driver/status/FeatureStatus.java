package io.nanostream.driver.status;

import io.nanostream.buffer.CountersDescriptor;

import java.nio.charset.StandardCharsets;

/**
 * Whether one of the driver's opt-in native features (affinity; later huge pages, NUMA binding, batched
 * datagrams) is in effect, and why or why not. The driver detects each at start and shows it as a counter
 * of type {@code feature}: value 1 for on, 0 for off, and this status as its label, which {@code stat} prints.
 * Immutable.
 *
 * @param feature the feature's short name, e.g. {@code affinity}.
 * @param on      whether it is in effect.
 * @param detail  what it does when on (e.g. {@code conductor->cpu0}), or why it is off and how to turn it on.
 */
public record FeatureStatus(String feature, boolean on, String detail)
{
    /**
     * A feature in effect.
     *
     * @param feature its name.
     * @param detail  what it does.
     * @return the status.
     */
    public static FeatureStatus on(final String feature, final String detail)
    {
        return new FeatureStatus(feature, true, detail);
    }

    /**
     * A feature not in effect.
     *
     * @param feature its name.
     * @param reason  why, and how to turn it on.
     * @return the status.
     */
    public static FeatureStatus off(final String feature, final String reason)
    {
        return new FeatureStatus(feature, false, reason);
    }

    /**
     * {@return the counter label, {@code affinity: on: ...} or {@code affinity: off:
     * ...}, cut to fit a counter's label}
     */
    public String label()
    {
        final String label = feature + ": " + (on ? "on: " : "off: ") + detail;
        final byte[] utf8 = label.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= CountersDescriptor.MAX_LABEL_LENGTH)
        {
            return label;
        }
        int end = CountersDescriptor.MAX_LABEL_LENGTH - 3;
        while (end > 0 && (utf8[end] & 0xC0) == 0x80)
        {
            end--; // never cut a character in two
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8) + "...";
    }
}
