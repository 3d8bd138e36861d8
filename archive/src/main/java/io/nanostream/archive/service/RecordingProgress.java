package io.nanostream.archive.service;

/**
 * How far a recording has got, for a replay that reads it: the live position while recording, the stop position after.
 */
interface RecordingProgress
{
    /** {@return the position after the last frame recorded} */
    long position();

    /** {@return whether frames may still be added} */
    boolean isActive();

    /**
     * The progress of a recording that has stopped.
     *
     * @param stopPosition where it stopped.
     * @return its progress, which never changes.
     */
    static RecordingProgress stopped(final long stopPosition)
    {
        return new RecordingProgress()
        {
            @Override
            public long position()
            {
                return stopPosition;
            }

            @Override
            public boolean isActive()
            {
                return false;
            }
        };
    }
}
