package io.nanostream.driver;

/** How the driver's agents get threads. */
public enum ThreadingMode
{
    /** Each agent on a thread of its own. */
    DEDICATED,
    /** All agents on one thread. */
    SHARED,
    /** No thread: the application calls {@link MediaDriver#invoke()}. */
    INVOKER
}
