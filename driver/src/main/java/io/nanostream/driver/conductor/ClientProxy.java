package io.nanostream.driver.conductor;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.BroadcastTransmitter;
import io.nanostream.buffer.Counter;
import io.nanostream.client.protocol.Commands;
import io.nanostream.client.protocol.Responses;

import java.nio.file.Path;

/**
 * Encodes the driver's answers and notices to clients on the broadcast buffer, in the layouts of
 * {@link Responses}: publication and subscription ready, images available and unavailable, success,
 * errors, client timeouts. Both the IPC and the UDP side of the conductor answer through it. Owned by
 * the conductor thread.
 */
public final class ClientProxy
{
    /** The longest error text sent to a client; the rest is in the driver's error log. */
    static final int MAX_ERROR_TEXT = 2_000;

    private final BroadcastTransmitter responses;
    private final AtomicBuffer buffer = AtomicBuffer.allocateDirect(8192);

    /**
     * Answers on a broadcast buffer.
     *
     * @param responses the transmitter.
     */
    public ClientProxy(final BroadcastTransmitter responses)
    {
        this.responses = responses;
    }

    /**
     * A publication is ready: its log and counters.
     *
     * @param correlationId         the request's id, which is also the publication's registration id.
     * @param sessionId             the session its frames carry.
     * @param streamId              the stream.
     * @param limit                 the publisher limit counter.
     * @param backPressure          the back-pressure counter.
     * @param logFile               the log.
     */
    public void onPublicationReady(
        final long correlationId, final int sessionId, final int streamId, final Counter limit,
        final Counter backPressure, final Path logFile)
    {
        buffer.putLong(Responses.CORRELATION_ID, correlationId);
        buffer.putLong(Responses.PUBLICATION_REGISTRATION_ID, correlationId);
        buffer.putInt(Responses.PUBLICATION_SESSION_ID, sessionId);
        buffer.putInt(Responses.PUBLICATION_STREAM_ID, streamId);
        buffer.putInt(Responses.PUBLICATION_LIMIT_COUNTER_ID, limit.id());
        buffer.putInt(Responses.PUBLICATION_BACK_PRESSURE_COUNTER_ID, backPressure.id());
        final int length = Responses.PUBLICATION_LOG_FILE + Commands.putString(buffer, Responses.PUBLICATION_LOG_FILE,
            logFile.toString());
        responses.transmit(Responses.ON_PUBLICATION_READY, buffer, 0, length);
    }

    /**
     * A subscription is registered; its images follow as they become available.
     *
     * @param correlationId the request's id.
     */
    public void onSubscriptionReady(final long correlationId)
    {
        buffer.putLong(Responses.CORRELATION_ID, correlationId);
        responses.transmit(Responses.ON_SUBSCRIPTION_READY, buffer, 0, Responses.ID_ONLY_LENGTH);
    }

    /**
     * An image is available to a subscription.
     *
     * @param imageCorrelationId the image's id.
     * @param subscriptionId     the subscription.
     * @param sessionId          the publisher's session.
     * @param streamId           the stream.
     * @param position           the subscriber's position counter in this image.
     * @param joinPosition       where the subscriber starts.
     * @param logFile            the image's log.
     */
    public void onAvailableImage(
        final long imageCorrelationId, final long subscriptionId, final int sessionId, final int streamId,
        final Counter position, final long joinPosition, final Path logFile)
    {
        buffer.putLong(Responses.CORRELATION_ID, imageCorrelationId);
        buffer.putLong(Responses.IMAGE_SUBSCRIPTION_ID, subscriptionId);
        buffer.putInt(Responses.IMAGE_SESSION_ID, sessionId);
        buffer.putInt(Responses.IMAGE_STREAM_ID, streamId);
        buffer.putInt(Responses.IMAGE_POSITION_COUNTER_ID, position.id());
        buffer.putLong(Responses.IMAGE_JOIN_POSITION, joinPosition);
        final int length = Responses.IMAGE_LOG_FILE + Commands.putString(buffer, Responses.IMAGE_LOG_FILE,
            logFile.toString());
        responses.transmit(Responses.ON_AVAILABLE_IMAGE, buffer, 0, length);
    }

    /**
     * An image is gone for a subscription.
     *
     * @param imageCorrelationId the image's id.
     * @param subscriptionId     the subscription.
     * @param streamId           the stream.
     */
    public void onUnavailableImage(final long imageCorrelationId, final long subscriptionId, final int streamId)
    {
        buffer.putLong(Responses.CORRELATION_ID, imageCorrelationId);
        buffer.putLong(Responses.IMAGE_SUBSCRIPTION_ID, subscriptionId);
        buffer.putInt(Responses.UNAVAILABLE_IMAGE_STREAM_ID, streamId);
        responses.transmit(Responses.ON_UNAVAILABLE_IMAGE, buffer, 0, Responses.UNAVAILABLE_IMAGE_LENGTH);
    }

    /**
     * A removal succeeded.
     *
     * @param correlationId the request's id.
     */
    public void onOperationSuccess(final long correlationId)
    {
        buffer.putLong(Responses.CORRELATION_ID, correlationId);
        responses.transmit(Responses.ON_OPERATION_SUCCESS, buffer, 0, Responses.ID_ONLY_LENGTH);
    }

    /**
     * A request failed.
     *
     * @param correlationId the request's id.
     * @param code          one of the {@code Responses.ERROR_*} codes.
     * @param message       what went wrong and how to fix it.
     */
    public void onError(final long correlationId, final int code, final String message)
    {
        buffer.putLong(Responses.CORRELATION_ID, correlationId);
        buffer.putInt(Responses.ERROR_CODE, code);
        final String text = message == null ? "error" : message;
        final int length = Responses.ERROR_MESSAGE +
            Commands.putString(buffer, Responses.ERROR_MESSAGE, text.length() > MAX_ERROR_TEXT ?
            text.substring(0, MAX_ERROR_TEXT) : text);
        responses.transmit(Responses.ON_ERROR, buffer, 0, length);
    }

    /**
     * A client was silent past the liveness timeout and everything it held was released.
     *
     * @param clientId the client.
     */
    public void onClientTimeout(final long clientId)
    {
        buffer.putLong(Responses.CLIENT_TIMEOUT_CLIENT_ID, clientId);
        responses.transmit(Responses.ON_CLIENT_TIMEOUT, buffer, 0, Responses.ID_ONLY_LENGTH);
    }

    /** The driver is stopping cleanly: clients give up on it at once rather than after the heartbeat timeout. */
    public void onDriverStopped()
    {
        buffer.putLong(0, 0);
        responses.transmit(Responses.ON_DRIVER_STOPPED, buffer, 0, Responses.ID_ONLY_LENGTH);
    }
}
