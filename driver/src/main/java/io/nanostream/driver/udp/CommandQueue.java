package io.nanostream.driver.udp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded queue of typed commands from one driver thread to another: the only way the conductor, sender and receiver
 * hand work to each other. Many threads may offer; one thread, the queue's owner, polls, once per duty cycle whether or
 * not a command waits, so an empty poll is one acquire load of the slot at the head (a plain load on x86) and nothing
 * else: no lock, no write, no shared counter.
 *
 * <p>Lock-free: an offer claims a slot by moving the tail with a compare-and-set (after checking against a cached head
 * that it refreshes only when the queue looks full), then publishes the command into the slot with a release store; the
 * owner takes the command from the head slot, clears the slot and moves the head on with a release store, which frees
 * the slot for the producers. A command whose slot is claimed but not yet published is not seen until it is: the owner
 * finds it on its next duty cycle (so polls are not linearizable against concurrent offers of several producers, as in
 * Agrona's many-to-one queue; each producer's commands arrive in its order, and none is lost or seen twice). Bounding
 * the queue turns a wedged owner into a refused command instead of unbounded memory. Fields are not padded: an idle
 * queue is only read, and commands are rare.
 *
 * @param <T> the command type, a sealed family of records.
 */
public final class CommandQueue<T>
{
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle HEAD_CACHE;

    static
    {
        try
        {
            HEAD = MethodHandles.lookup().findVarHandle(CommandQueue.class, "head", long.class);
            TAIL = MethodHandles.lookup().findVarHandle(CommandQueue.class, "tail", long.class);
            HEAD_CACHE = MethodHandles.lookup().findVarHandle(CommandQueue.class, "headCache", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final Object[] slots;
    private final int mask;
    private final String name;
    /** The next slot the owner takes; written by the owner only (release), read by producers (acquire). */
    private long head;
    /** The next slot a producer claims; moved by compare-and-set. */
    private long tail;
    /** A head producers read lately: refreshed only when the queue looks full from it; it only ever lags the head. */
    private long headCache;

    /**
     * Creates a queue.
     *
     * @param name     whose queue, for the error a full queue gives.
     * @param capacity how many commands may wait (rounded up to a power of two).
     */
    public CommandQueue(final String name, final int capacity)
    {
        if (capacity < 1 || capacity > 1 << 30)
        {
            throw new IllegalArgumentException("a command queue holds 1 to 2^30 commands, not " + capacity);
        }
        this.name = name;
        this.slots = new Object[1 << (32 - Integer.numberOfLeadingZeros(capacity - 1))];
        this.mask = slots.length - 1;
    }

    /** {@return how many commands may wait} */
    public int capacity()
    {
        return slots.length;
    }

    /**
     * Hands a command over.
     *
     * @param command the command.
     * @throws IllegalStateException if the queue is full: its owner has stopped taking commands.
     */
    public void offer(final T command)
    {
        if (!tryOffer(command))
        {
            throw new IllegalStateException("the " + name + " has " + slots.length +
                " commands waiting and takes no more; " + "its thread may be stuck: see the driver's error log");
        }
    }

    /**
     * Hands a command over if there is room (any thread).
     *
     * @param command the command, not null.
     * @return false if the queue was full and the command dropped.
     */
    public boolean tryOffer(final T command)
    {
        if (command == null)
        {
            throw new NullPointerException("a null command");
        }
        long claimed;
        do
        {
            claimed = (long)TAIL.getVolatile(this); // volatile: the compare-and-set below starts from a current tail
            // acquire: a cached head carries, from the producer that read it, the owner's
            // clearing of the slots before it
            if (claimed - (long)HEAD_CACHE.getAcquire(this) >= slots.length)
            {
                final long current = (long)HEAD.getAcquire(this); // acquire: the owner cleared every slot before this head
                HEAD_CACHE.setRelease(this, current); // release: passes that on to producers that use the cache
                if (claimed - current >= slots.length)
                {
                    return false;
                }
            }
        }
        while (!TAIL.compareAndSet(this, claimed, claimed + 1));
        SLOT.setRelease(slots, (int)claimed & mask,
            command); // release: the command's fields are written before the owner sees it
        return true;
    }

    /**
     * Takes the next command (owner's thread).
     *
     * @return the command, or null if none is published at the head.
     */
    @SuppressWarnings("unchecked")
    public T poll()
    {
        final long at = head;
        final int index = (int)at & mask;
        final Object command = SLOT.getAcquire(slots, index); // acquire: pairs with the producer's release store
        if (command == null)
        {
            return null;
        }
        SLOT.setOpaque(slots, index, null); // ordered before the head below by its release
        HEAD.setRelease(this, at + 1); // release: the slot is cleared before a producer may claim it again
        return (T)command;
    }
}
