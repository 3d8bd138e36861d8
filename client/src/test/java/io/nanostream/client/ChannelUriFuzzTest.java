package io.nanostream.client;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the channel parser, the first thing a user's input meets: it either accepts a channel whose
 * canonical form parses to the same channel, or throws {@link IllegalArgumentException} with a message
 * that shows a valid form; nothing else escapes.
 */
class ChannelUriFuzzTest
{
    private static final String[] PARTS = {
        "nano:", "aeron:", "nano-spy:", "ipc", "udp", "?", "|", "=", "endpoint", "localhost:40123", "term-length",
            "mtu", "64k", "8k",
        "1g", "session-id", "control", "ttl", "interface", "fc", "min", ":", "k", "m", "-1", "99999999999"};

    @FuzzTest // executions, seed and time limit come from the build (fuzz.* properties in the parent POM)
    void channelsParseOrAreRefusedWithTheFix(final FuzzedDataProvider data)
    {
        final StringBuilder channel = new StringBuilder();
        while (data.remainingBytes() > 0 && channel.length() < 200)
        {
            channel.append(data.consumeBoolean() ? data.pickValue(PARTS) : data.consumeString(8));
        }
        final ChannelUri uri;
        try
        {
            uri = ChannelUri.parse(channel.toString());
        }
        catch (final IllegalArgumentException ex)
        {
            assertThat(ex.getMessage()).isNotBlank();
            return;
        }
        final ChannelUri again = ChannelUri.parse(uri.toString());
        assertThat(again.media()).isEqualTo(uri.media());
        assertThat(again.params()).isEqualTo(uri.params());
        assertThat(again.isSpy()).isEqualTo(uri.isSpy());
    }
}
