package io.nanostream.driver.udp;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * A bounded queue of typed commands from one driver thread to another: the only way the conductor,
 * sender and receiver hand work to each other. Many threads may offer; one thread, the queue's owner,
 * polls. Commands are rare (a publication or subscription comes or goes), so a locked array queue is
 * plenty; bounding it turns a wedged thread into a refused command instead of unbounded memory.
 *
 * @param <T> the command type, a sealed family of records.
 */
public final class CommandQueue<T>
{
    private final ArrayBlockingQueue<T> queue;
    private final String name;

    /**
     * Creates a queue.
     *
     * @param name     whose queue, for the error a full queue gives.
     * @param capacity how many commands may wait.
     */
    public CommandQueue(final String name, final int capacity)
    {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /**
     * Hands a command over.
     *
     * @param command the command.
     * @throws IllegalStateException if the queue is full: its owner has stopped taking commands.
     */
    public void offer(final T command)
    {
        if (!queue.offer(command))
        {
            throw new IllegalStateException("the " + name + " has " + queue.size() + " commands waiting and takes no more; " +
                "its thread may be stuck: see the driver's error log");
        }
    }

    /**
     * Hands a command over if there is room.
     *
     * @param command the command.
     * @return false if the queue was full and the command dropped.
     */
    public boolean tryOffer(final T command)
    {
        return queue.offer(command);
    }

    /**
     * Takes the next command (owner's thread).
     *
     * @return the command, or null if none waits.
     */
    public T poll()
    {
        return queue.poll();
    }
}
