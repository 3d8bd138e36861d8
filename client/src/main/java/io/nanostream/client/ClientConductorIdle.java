package io.nanostream.client;

import io.nanostream.concurrent.BackoffIdleStrategy;
import io.nanostream.concurrent.IdleStrategy;

import java.util.function.BooleanSupplier;

/**
 * How the client's own conductor thread idles: it yields while a request waits for the driver's answer, so the answer
 * is taken within microseconds, and otherwise parks for up to 16 ms (as Aeron's client does), so an idle client costs
 * the application's cores nothing. Owned by the client conductor's thread.
 */
final class ClientConductorIdle implements IdleStrategy
{
    private final BooleanSupplier requestsWaiting;
    private final BackoffIdleStrategy backoff = new BackoffIdleStrategy(0, 0, 1_000_000, 16_000_000);

    ClientConductorIdle(final BooleanSupplier requestsWaiting)
    {
        this.requestsWaiting = requestsWaiting;
    }

    @Override
    public void idle()
    {
        if (requestsWaiting.getAsBoolean())
        {
            backoff.reset();
            Thread.yield();
        }
        else
        {
            backoff.idle();
        }
    }

    @Override
    public void reset()
    {
        backoff.reset();
    }

    @Override
    public String alias()
    {
        return "client-conductor";
    }
}
