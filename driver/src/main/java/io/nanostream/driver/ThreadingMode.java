package io.nanostream.driver;

/** How the driver's agents get threads. */
public enum ThreadingMode
{
    /** Conductor, sender and receiver each on a thread of its own. */
    DEDICATED,
    /** Conductor, sender and receiver on one thread. */
    SHARED,
    /** No thread: the application calls {@link MediaDriver#invoke()}. */
    INVOKER
}
