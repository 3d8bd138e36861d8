package io.nanostream.driver.conductor;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.MessageRing;
import io.nanostream.client.protocol.Commands;
import io.nanostream.client.protocol.Responses;

/**
 * Reads clients' commands from the command ring, decodes and checks each one against the layouts of
 * {@link Commands}, and calls the {@link ClientCommandHandler}. Whatever the handler refuses becomes an
 * error answer to the client (through the {@link ClientProxy}) and an entry in the error log; nothing a
 * client writes can throw out of a duty cycle. Owned by the conductor thread.
 */
final class ClientCommandAdapter
{
    /** Commands read per duty cycle, so that a flood of commands cannot starve the rest of the cycle. */
    static final int COMMANDS_PER_CYCLE = 16;

    private final MessageRing commands;
    private final ClientCommandHandler handler;
    private final ClientProxy clientProxy;
    private final ErrorRecorder errors;

    ClientCommandAdapter(final MessageRing commands, final ClientCommandHandler handler, final ClientProxy clientProxy,
        final ErrorRecorder errors)
    {
        this.commands = commands;
        this.handler = handler;
        this.clientProxy = clientProxy;
        this.errors = errors;
    }

    /**
     * Handles the commands waiting, up to {@link #COMMANDS_PER_CYCLE}.
     *
     * @return how many.
     */
    int receive()
    {
        return commands.read(this::onCommand, COMMANDS_PER_CYCLE);
    }

    void onCommand(final int type, final AtomicBuffer buffer, final int offset, final int length)
    {
        final long correlationId = length >= Commands.CORRELATION_ID + Long.BYTES ?
            buffer.getLong(offset + Commands.CORRELATION_ID) : 0;
        try
        {
            if (length < Commands.CLIENT_COMMAND_LENGTH)
            {
                throw new CommandException(Responses.ERROR_GENERIC, "command of type " + type + " is only " + length +
                    " bytes");
            }
            final long clientId = buffer.getLong(offset + Commands.CLIENT_ID);
            handler.onClientKeepalive(clientId); // every command shows its client alive
            switch (type)
            {
                case Commands.ADD_PUBLICATION,
                    Commands.ADD_EXCLUSIVE_PUBLICATION -> handler.onAddPublication(correlationId, clientId,
                    streamId(buffer, offset, length), channel(buffer, offset, length),
                    type == Commands.ADD_EXCLUSIVE_PUBLICATION);
                case Commands.ADD_SUBSCRIPTION -> handler.onAddSubscription(correlationId, clientId,
                    streamId(buffer, offset, length), channel(buffer, offset, length));
                case Commands.REMOVE_PUBLICATION -> handler.onRemovePublication(correlationId, clientId,
                    registrationId(buffer, offset, length));
                case Commands.REMOVE_SUBSCRIPTION -> handler.onRemoveSubscription(correlationId, clientId,
                    registrationId(buffer, offset, length));
                case Commands.ADD_DESTINATION -> handler.onAddDestination(correlationId, clientId,
                    registrationId(buffer, offset, length), destination(buffer, offset, length));
                case Commands.REMOVE_DESTINATION -> handler.onRemoveDestination(correlationId, clientId,
                    registrationId(buffer, offset, length), destination(buffer, offset, length));
                case Commands.ADD_RCV_DESTINATION -> handler.onAddReceiveDestination(correlationId, clientId,
                    registrationId(buffer, offset, length), destination(buffer, offset, length));
                case Commands.REMOVE_RCV_DESTINATION -> handler.onRemoveReceiveDestination(correlationId, clientId,
                    registrationId(buffer, offset, length), destination(buffer, offset, length));
                case Commands.CLIENT_KEEPALIVE ->
                {
                }
                case Commands.CLIENT_CLOSE -> handler.onClientClose(clientId);
                default -> throw new CommandException(Responses.ERROR_GENERIC, "unknown command type " + type);
            }
        }
        catch (final CommandException ex)
        {
            refuse(correlationId, ex.code(), ex.getMessage(), ex);
        }
        catch (final IllegalArgumentException ex)
        {
            refuse(correlationId, Responses.ERROR_INVALID_CHANNEL, ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            refuse(correlationId, Responses.ERROR_GENERIC, ex.toString(), ex);
        }
    }

    private void refuse(final long correlationId, final int code, final String message, final RuntimeException cause)
    {
        clientProxy.onError(correlationId, code, message);
        errors.record(cause);
    }

    private static int streamId(final AtomicBuffer buffer, final int offset, final int length)
    {
        require(length >= Commands.STREAM_ID + 4, "an add command without a stream id", length);
        return buffer.getInt(offset + Commands.STREAM_ID);
    }

    private static String channel(final AtomicBuffer buffer, final int offset, final int length)
    {
        require(length >= Commands.CHANNEL, "an add command without a channel", length);
        return Commands.getString(buffer, offset + Commands.CHANNEL_LENGTH, offset + length);
    }

    private static String destination(final AtomicBuffer buffer, final int offset, final int length)
    {
        require(length >= Commands.DESTINATION_LENGTH + Commands.STRING_LENGTH_PREFIX,
            "a destination command without a destination", length);
        return Commands.getString(buffer, offset + Commands.DESTINATION_LENGTH, offset + length);
    }

    private static long registrationId(final AtomicBuffer buffer, final int offset, final int length)
    {
        require(length >= Commands.REMOVE_COMMAND_LENGTH, "a remove command without a registration id", length);
        return buffer.getLong(offset + Commands.REGISTRATION_ID);
    }

    private static void require(final boolean condition, final String what, final int length)
    {
        if (!condition)
        {
            throw new CommandException(Responses.ERROR_GENERIC, what + " (" + length + " bytes)");
        }
    }
}
