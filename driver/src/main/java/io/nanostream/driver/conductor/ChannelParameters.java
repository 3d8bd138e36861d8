package io.nanostream.driver.conductor;

import io.nanostream.client.ChannelUri;
import io.nanostream.client.protocol.Responses;

/**
 * What a channel asks of the driver beyond its log's shape and its transport: a publication's window ({@code
 * pub-wnd=}), checked against the term, and any channel's name in the counters ({@code alias=}).
 */
final class ChannelParameters
{
    private ChannelParameters()
    {
    }

    /**
     * The window a channel asks for, or the driver's default.
     *
     * @param uri        the channel.
     * @param termLength its term length.
     * @param otherwise  the window if it asks for none.
     * @return the window in bytes.
     * @throws CommandException if it is over half the term, where publishers would write over
     * what the cleaner has not zeroed.
     */
    static int window(final ChannelUri uri, final int termLength, final int otherwise)
    {
        final long window = uri.size(ChannelUri.PUBLICATION_WINDOW, otherwise);
        if (window > termLength / 2)
        {
            throw new CommandException(Responses.ERROR_INVALID_CHANNEL, "channel " + uri + ": pub-wnd " + window +
                " is over half the term " + "length " + termLength + "; ask for at most " + termLength / 2 +
                ", or a longer term-length");
        }
        return (int)window;
    }

    /**
     * A channel's name in counter labels: its canonical form, with its alias if it has one,
     * so that {@code stat} shows it.
     *
     * @param canonical the channel's canonical form.
     * @param uri       the channel.
     * @return e.g. {@code nano:ipc alias=orders}.
     */
    static String label(final String canonical, final ChannelUri uri)
    {
        final String alias = uri.get("alias");
        return alias == null ? canonical : canonical + " alias=" + alias;
    }
}
