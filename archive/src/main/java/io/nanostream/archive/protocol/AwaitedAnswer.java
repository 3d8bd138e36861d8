package io.nanostream.archive.protocol;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.FragmentHandler;
import io.nanostream.log.Header;

import java.util.function.Consumer;

/**
 * The archive's answer to the one request a client awaits, read from its response stream (whole messages: put a
 * fragment assembler in front). Answers to other correlation ids (a request given up on, another session's on a shared
 * stream) are ignored; DESCRIPTOR answers go to a handler; the RESPONSE that ends the
 * request is kept. Used on one thread.
 */
public final class AwaitedAnswer implements FragmentHandler
{
    private final Consumer<ControlMessageReader> descriptors;
    private long correlationId;
    private boolean answered;
    private int code;
    private long relevantId;
    private String message;

    /**
     * Makes the reader.
     *
     * @param descriptors receives each DESCRIPTOR answer to the awaited request, while it is in hand.
     */
    public AwaitedAnswer(final Consumer<ControlMessageReader> descriptors)
    {
        this.descriptors = descriptors;
    }

    /**
     * Awaits the answer to a request from now on.
     *
     * @param correlationId the request's correlation id.
     */
    public void await(final long correlationId)
    {
        this.correlationId = correlationId;
        this.answered = false;
    }

    /**
     * Reads one answer.
     *
     * @throws IllegalArgumentException if a length in it runs past its end.
     */
    @Override
    public void onFragment(final AtomicBuffer buffer, final int offset, final int length, final Header header)
    {
        final ControlMessageReader answer = new ControlMessageReader(buffer, offset, length);
        if (answered || answer.getLong(ControlProtocol.CORRELATION_ID_OFFSET) != correlationId)
        {
            return;
        }
        if (answer.getInt(ControlProtocol.TYPE_OFFSET) == ControlProtocol.DESCRIPTOR)
        {
            descriptors.accept(answer);
            return;
        }
        code = answer.getInt(ControlProtocol.VERSION_OR_CODE_OFFSET);
        relevantId = answer.getLong(ControlProtocol.RELEVANT_ID_OFFSET);
        message = answer.getString(ControlProtocol.ANSWER_BODY_OFFSET);
        answered = true;
    }

    /** {@return whether the awaited request was answered} */
    public boolean isAnswered()
    {
        return answered;
    }

    /** {@return whether the answer was OK} */
    public boolean isOk()
    {
        return code == ControlProtocol.OK;
    }

    /** {@return the answer's relevant id: a session, recording or replay id, a count} */
    public long relevantId()
    {
        return relevantId;
    }

    /** {@return the answer's message: the problem and the fix when it was not OK} */
    public String message()
    {
        return message;
    }
}
