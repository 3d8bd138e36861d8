package io.nanostream.driver.udp;

import io.nanostream.concurrent.Agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The sender agent: sends every {@link NetworkPublication}'s frames, handles their status messages and
 * NAKs. Runs on its own thread or in the conductor's duty cycle; the conductor adds and removes
 * publications through a queue, so the publication list is touched by this agent's thread only.
 */
public final class Sender implements Agent
{
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<NetworkPublication> publications = new ArrayList<>();

    /**
     * Starts sending a publication (any thread).
     *
     * @param publication the publication.
     */
    public void add(final NetworkPublication publication)
    {
        commands.add(() -> publications.add(publication));
    }

    /**
     * Stops sending a publication (any thread); {@code then} runs on the sender thread once it is dropped.
     *
     * @param publication the publication.
     * @param then        what to do next, e.g. hand the closing back to the conductor.
     */
    public void remove(final NetworkPublication publication, final Runnable then)
    {
        commands.add(() ->
        {
            publications.remove(publication);
            then.run();
        });
    }

    @Override
    public String roleName()
    {
        return "nano-stream-sender";
    }

    @Override
    public int doWork()
    {
        int work = 0;
        Runnable command;
        while ((command = commands.poll()) != null)
        {
            command.run();
            work++;
        }
        final long nowNanos = System.nanoTime();
        for (int i = 0, n = publications.size(); i < n; i++)
        {
            work += publications.get(i).send(nowNanos);
        }
        return work;
    }

    @Override
    public void onClose()
    {
        for (final NetworkPublication publication : publications)
        {
            publication.closeSocket();
        }
        publications.clear();
    }
}
