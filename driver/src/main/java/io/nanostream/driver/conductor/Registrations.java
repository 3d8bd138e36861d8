package io.nanostream.driver.conductor;

import io.nanostream.client.protocol.Responses;

import java.util.HashMap;
import java.util.Map;

/**
 * Every live publication and subscription by its registration id, with the client that made it: an id is
 * used once, a client removes only what it made, and a client holds at most a set number. Owned by the
 * conductor thread.
 */
final class Registrations
{
    private final int maxPerClient;
    private final Map<Long, Long> owners = new HashMap<>();
    private final Map<Long, Integer> counts = new HashMap<>();

    /**
     * Creates the registry.
     *
     * @param maxPerClient the most publications and subscriptions one client may hold.
     */
    Registrations(final int maxPerClient)
    {
        this.maxPerClient = maxPerClient;
    }

    /**
     * Checks that a client may add a registration with an id.
     *
     * @throws CommandException if the id is in use, or the client holds its most.
     */
    void checkAdd(final long registrationId, final long clientId)
    {
        if (owners.containsKey(registrationId))
        {
            throw new CommandException(Responses.ERROR_CLASH, "registration id " + registrationId +
                " is in use: each request " +
                "needs a correlation id of its own (the command ring's nextCorrelationId gives one)");
        }
        final int held = counts.getOrDefault(clientId, 0);
        if (held >= maxPerClient)
        {
            throw new CommandException(Responses.ERROR_GENERIC, "client " + clientId + " holds " + held +
                " publications and " +
                "subscriptions, the most one client may; close some, or raise nanostream.client.max.registrations");
        }
    }

    /** Records a registration the conductor made. */
    void add(final long registrationId, final long clientId)
    {
        owners.put(registrationId, clientId);
        counts.merge(clientId, 1, Integer::sum);
    }

    /**
     * Checks that a client made a registration, before it removes it.
     *
     * @param what "publication" or "subscription", for the error.
     * @throws CommandException (unknown) if there is no such registration of this client.
     */
    void checkOwner(final long registrationId, final long clientId, final String what)
    {
        final Long owner = owners.get(registrationId);
        if (owner == null || owner != clientId)
        {
            throw new CommandException(Responses.ERROR_UNKNOWN, "client " + clientId + " has no " + what +
                " with registration id " + registrationId);
        }
    }

    /** Forgets a registration. */
    void remove(final long registrationId)
    {
        final Long owner = owners.remove(registrationId);
        if (owner != null)
        {
            counts.computeIfPresent(owner, (client, count) -> count == 1 ? null : count - 1);
        }
    }

    /** Forgets every registration of a client. */
    void removeClient(final long clientId)
    {
        owners.values().removeIf(owner -> owner == clientId);
        counts.remove(clientId);
    }
}
