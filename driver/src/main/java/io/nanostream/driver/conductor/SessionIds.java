package io.nanostream.driver.conductor;

import java.util.concurrent.ThreadLocalRandom;

/** Hands out session ids for new publications, from a random start. Owned by the conductor thread. */
final class SessionIds
{
    private int next = ThreadLocalRandom.current().nextInt();

    int next()
    {
        return next++;
    }
}
