package io.nanostream.ring;

import java.util.concurrent.ThreadFactory;

/** Makes daemon threads, which do not keep the JVM alive: for handler threads of tests and tools. */
public enum DaemonThreadFactory implements ThreadFactory
{
    /** The one instance. */
    INSTANCE;

    @Override
    public Thread newThread(final Runnable runnable)
    {
        final Thread thread = new Thread(runnable);
        thread.setDaemon(true);
        return thread;
    }
}
