package io.nanostream.driver.conductor;

/**
 * The conductor's side of the client protocol: one method per command, called with decoded and checked
 * fields by the {@link ClientCommandAdapter}. A method refuses a command by throwing a
 * {@link CommandException} (or {@link IllegalArgumentException} for a bad channel); the adapter turns
 * that into the client's error. Called on the conductor thread.
 */
interface ClientCommandHandler
{
    void onAddPublication(long correlationId, long clientId, int streamId, String channel, boolean exclusive);

    void onAddSubscription(long correlationId, long clientId, int streamId, String channel);

    void onRemovePublication(long correlationId, long clientId, long registrationId);

    void onRemoveSubscription(long correlationId, long clientId, long registrationId);

    void onAddDestination(long correlationId, long clientId, long registrationId, String destination);

    void onRemoveDestination(long correlationId, long clientId, long registrationId, String destination);

    void onAddReceiveDestination(long correlationId, long clientId, long registrationId, String destination);

    void onRemoveReceiveDestination(long correlationId, long clientId, long registrationId, String destination);

    void onClientKeepalive(long clientId);

    void onClientClose(long clientId);
}
