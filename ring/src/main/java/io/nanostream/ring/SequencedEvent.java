package io.nanostream.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A base class for events that carry their own publication: the sequence they were last published as,
 * in a field next to the event's data. A ring of such events publishes by a release store into the
 * event and its consumers learn of publication from the event they are about to read, so signal and
 * data travel between cores in one cache line instead of two (the event's and a shared cursor's).
 * Extending it is optional; rings of other events publish through a cursor or per-slot flags.
 *
 * <pre>{@code
 * final class Trade extends SequencedEvent { long price; long quantity; }
 * }</pre>
 */
public abstract class SequencedEvent
{
    static final VarHandle PUBLISHED;

    static
    {
        try
        {
            PUBLISHED = MethodHandles.lookup().findVarHandle(SequencedEvent.class, "publishedSequence", long.class)
                .withInvokeExactBehavior();
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private long publishedSequence = -1L;

    /** Creates an event not yet published. */
    protected SequencedEvent()
    {
    }

    /**
     * The sequence this event was last published as, for monitoring and debugging.
     *
     * @return the sequence, or -1 before the first publication.
     */
    public final long publishedSequence()
    {
        return (long)PUBLISHED.getAcquire(this); // acquire: the event's data as of that publication is visible
    }
}
