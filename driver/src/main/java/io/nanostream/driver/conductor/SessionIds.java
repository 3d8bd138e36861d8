package io.nanostream.driver.conductor;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Hands out session ids for new publications: unpredictable (drawn from a {@link SecureRandom}, so that no one who
 * sees one session id can guess the next and take its image first), and never one that is still in use. Owned by
 * the conductor thread.
 */
final class SessionIds
{
    private final IntSupplier random;
    private final Set<Integer> live = new HashSet<>();

    SessionIds()
    {
        this(new SecureRandom()::nextInt);
    }

    /** With a given source of draws, for tests. */
    SessionIds(final IntSupplier random)
    {
        this.random = random;
    }

    /** {@return a new session id, not in use, now in use until {@link #release}d} */
    int next()
    {
        int id = random.getAsInt();
        while (!live.add(id))
        {
            id = random.getAsInt();
        }
        return id;
    }

    /** A publication that had this id is gone: the id may be handed out again. */
    void release(final int id)
    {
        live.remove(id);
    }
}
