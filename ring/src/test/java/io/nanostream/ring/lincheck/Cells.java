package io.nanostream.ring.lincheck;

import io.nanostream.ring.EventFactory;
import io.nanostream.ring.SequencedEvent;

/**
 * The Lincheck tests' events: one {@code long} value, as a plain event (the ring publishes through its
 * cursor or per-slot flags) or as a {@link SequencedEvent} (the ring publishes into the event itself).
 * Each test runs once per kind: the test class takes plain events, a subclass named {@code Sequenced*}
 * passes {@link #SEQUENCED}.
 */
final class Cells
{
    /** Makes plain events. */
    static final EventFactory<Cell> PLAIN = PlainCell::new;
    /** Makes events that carry their own publication. */
    static final EventFactory<Cell> SEQUENCED = SequencedCell::new;

    private Cells()
    {
    }

    /** An event of one value. */
    interface Cell
    {
        /**
         * The value.
         *
         * @return the value.
         */
        long get();

        /**
         * Sets the value.
         *
         * @param value the value.
         */
        void set(long value);
    }

    /** A plain event. */
    static final class PlainCell implements Cell
    {
        private long value;

        @Override
        public long get()
        {
            return value;
        }

        @Override
        public void set(final long value)
        {
            this.value = value;
        }
    }

    /** An event that carries its own publication. */
    static final class SequencedCell extends SequencedEvent implements Cell
    {
        private long value;

        @Override
        public long get()
        {
            return value;
        }

        @Override
        public void set(final long value)
        {
            this.value = value;
        }
    }
}
