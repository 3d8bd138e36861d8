package io.nanostream.archive.service;

import io.nanostream.archive.RecordingDescriptor;
import io.nanostream.archive.protocol.AwaitedAnswer;
import io.nanostream.archive.protocol.ControlMessageReader;
import io.nanostream.archive.protocol.ControlProtocol;
import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.Image;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import io.nanostream.log.FragmentAssembler;
import io.nanostream.log.Header;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Copies a recording from another archive into this one, and follows it while the source records it. It is a client of
 * the source archive that never blocks the archive's thread: each duty cycle it offers at most one request and reads
 * the answers that came. An attempt opens a control session with the source, describes the source recording, and asks
 * for a replay of it, from where the copy stopped (or where the source starts), to a stream of its own on the local
 * channel; the conductor records the replay's image as the copy, new or continued. When the image goes (the source
 * recording stopped and was replayed to its end, or the link broke), a new attempt starts after a pause; the
 * replication ends once the copy holds all of a stopped source recording, or when the source refuses it. Owned by the
 * archive conductor's thread.
 */
final class ReplicationSession implements AutoCloseable
{
    /** The pause between attempts. */
    static final long RETRY_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private enum Step
    {
        CONNECT, DESCRIBE, REPLAY, AWAIT_IMAGE, REPLICATING, PAUSE
    }

    private final long replicationId;
    private final long controlSessionId;
    private final long sourceRecordingId;
    private final String sourceControlChannel;
    private final int sourceControlStreamId;
    private final String localChannel;
    private final NanoStream client;
    private final Catalog catalog;
    private final Queue<ImageEvent> imageEvents;
    private final Consumer<Throwable> errorHandler;
    private final long answerTimeoutNanos;
    private final AtomicBuffer request = AtomicBuffer.allocateDirect(4096);
    private final AwaitedAnswer answer = new AwaitedAnswer(descriptor -> source = descriptor(descriptor));
    private final FragmentAssembler answers = new FragmentAssembler(this::onAnswer);
    private Publication requests;
    private Subscription responses;
    private Subscription replay;
    private int replayStreamId;
    private Step step = Step.PAUSE;
    private long deadlineNanos;
    private int requestLength;
    private boolean sent;
    private long nextCorrelationId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    private long sourceControlSessionId;
    private RecordingDescriptor source;
    private long copyRecordingId = RecordingDescriptor.NULL_ID;
    private long fromPosition;
    private Image image;
    private String outcome;

    /**
     * Starts a replication (on the archive conductor's thread); its first attempt begins on the next duty cycle.
     *
     * @param replicationId         this replication's id.
     * @param controlSessionId      the control session that asked for it.
     * @param sourceRecordingId     the recording at the source archive.
     * @param sourceControlChannel  the source archive's control channel.
     * @param sourceControlStreamId the source archive's control stream.
     * @param localChannel          a channel of this archive's driver that the source reaches: its
     * answers and replays come here.
     * @param client                the archive's client of its driver.
     * @param catalog               this archive's catalog, read for the copy's stop position.
     * @param imageEvents           where the replay's images are handed to the conductor.
     * @param errorHandler          told of each failed attempt.
     * @param answerTimeoutNanos    how long to wait for each answer and for the replay.
     * @param nowNanos              the time.
     */
    ReplicationSession(
        final long replicationId, final long controlSessionId, final long sourceRecordingId,
        final String sourceControlChannel, final int sourceControlStreamId, final String localChannel,
        final NanoStream client, final Catalog catalog, final Queue<ImageEvent> imageEvents,
        final Consumer<Throwable> errorHandler, final long answerTimeoutNanos, final long nowNanos)
    {
        this.replicationId = replicationId;
        this.controlSessionId = controlSessionId;
        this.sourceRecordingId = sourceRecordingId;
        this.sourceControlChannel = sourceControlChannel;
        this.sourceControlStreamId = sourceControlStreamId;
        this.localChannel = localChannel;
        this.client = client;
        this.catalog = catalog;
        this.imageEvents = imageEvents;
        this.errorHandler = errorHandler;
        this.answerTimeoutNanos = answerTimeoutNanos;
        this.deadlineNanos = nowNanos;
    }

    /**
     * Moves the replication on.
     *
     * @param nowNanos the time.
     * @return work done.
     */
    int doWork(final long nowNanos)
    {
        if (outcome != null)
        {
            return 0;
        }
        int work = responses != null ? responses.poll(answers, 8) : 0;
        switch (step)
        {
            case PAUSE ->
            {
                if (nowNanos - deadlineNanos >= 0)
                {
                    work += attempt(nowNanos);
                }
            }
            case CONNECT, DESCRIBE, REPLAY ->
            {
                if (!sent)
                {
                    sent = requests.offer(request, 0, requestLength) > 0;
                    work += sent ? 1 : 0;
                }
                if (answer.isAnswered())
                {
                    work += onAnswered(nowNanos);
                }
                else if (nowNanos - deadlineNanos > 0)
                {
                    retry(nowNanos, "no answer from the source archive on " + sourceControlChannel + " stream " +
                        sourceControlStreamId + " within " + TimeUnit.NANOSECONDS.toMillis(answerTimeoutNanos) + " ms" +
                        (sent ? "" : " (the request was not taken: is the source reachable?)"));
                }
            }
            case AWAIT_IMAGE ->
            {
                if (nowNanos - deadlineNanos > 0)
                {
                    retry(nowNanos, "the source's replay did not reach " + localChannel + " within " +
                        TimeUnit.NANOSECONDS.toMillis(answerTimeoutNanos) + " ms");
                }
            }
            case REPLICATING ->
            {
                // the conductor records the image; it tells this session when the image goes
            }
        }
        return work;
    }

    private int attempt(final long nowNanos)
    {
        try
        {
            replayStreamId = ThreadLocalRandom.current().nextInt(1 << 24, Integer.MAX_VALUE);
            final int responseStreamId = replayStreamId - 1;
            responses = client.addSubscription(localChannel, responseStreamId);
            final int streamId = replayStreamId;
            replay = client.addSubscription(localChannel, streamId,
                available -> imageEvents.add(new ImageEvent.Replica(available, replicationId)),
                unavailable -> imageEvents.add(new ImageEvent.Unavailable(unavailable)));
            requests = client.addPublication(sourceControlChannel, sourceControlStreamId);
            sourceControlSessionId = 0;
            final int body = begin(ControlProtocol.CONNECT, Step.CONNECT, nowNanos);
            request.putInt(body, responseStreamId);
            requestLength = ControlProtocol.putString(request, body + 4, localChannel);
        }
        catch (final RuntimeException ex)
        {
            retry(nowNanos, "cannot open the link to the source archive: " + ex.getMessage());
        }
        return 1;
    }

    private int begin(final int type, final Step next, final long nowNanos)
    {
        final long correlationId = nextCorrelationId++;
        ControlProtocol.putHeader(request, type, ControlProtocol.VERSION, sourceControlSessionId, correlationId);
        answer.await(correlationId);
        step = next;
        sent = false;
        source = next == Step.DESCRIBE ? null : source;
        deadlineNanos = nowNanos + answerTimeoutNanos;
        return ControlProtocol.REQUEST_BODY_OFFSET;
    }

    private int onAnswered(final long nowNanos)
    {
        if (!answer.isOk())
        {
            fail("the source archive refused: " + answer.message());
            return 1;
        }
        switch (step)
        {
            case CONNECT ->
            {
                sourceControlSessionId = answer.relevantId();
                final int body = begin(ControlProtocol.LIST_RECORDINGS, Step.DESCRIBE, nowNanos);
                request.putLong(body, sourceRecordingId);
                request.putInt(body + 8, 1);
                request.putInt(body + 12, -1);
                requestLength = ControlProtocol.putString(request, body + 16, "");
            }
            case DESCRIBE -> onDescribed(nowNanos);
            case REPLAY ->
            {
                step = Step.AWAIT_IMAGE;
                deadlineNanos = nowNanos + answerTimeoutNanos;
            }
            default -> throw new IllegalStateException("an answer awaited in step " + step);
        }
        return 1;
    }

    private void onDescribed(final long nowNanos)
    {
        if (source == null || source.recordingId() != sourceRecordingId)
        {
            fail("there is no recording " + sourceRecordingId +
                " at the source archive; list its recordings to see which there are");
            return;
        }
        final RecordingDescriptor copy = copyRecordingId == RecordingDescriptor.NULL_ID ?
            null : catalog.descriptor(copyRecordingId);
        if (copyRecordingId != RecordingDescriptor.NULL_ID && copy == null)
        {
            fail("the copy, recording " + copyRecordingId + ", was deleted here");
            return;
        }
        fromPosition = copy == null ? source.startPosition() : copy.stopPosition();
        if (copy != null && (copy.termLength() != source.termLength() ||
            copy.initialTermId() != source.initialTermId()))
        {
            fail("the source recording now has initial term " + source.initialTermId() + " and term length " +
                source.termLength() + "; the copy, recording " + copyRecordingId + ", has " + copy.initialTermId() +
                " and " + copy.termLength());
            return;
        }
        if (!source.isActive() && fromPosition == source.stopPosition())
        {
            complete("replicated to position " + fromPosition);
            return;
        }
        if (fromPosition < source.startPosition() || (!source.isActive() && fromPosition > source.stopPosition()))
        {
            fail("the copy stops at " + fromPosition + ", outside the source recording (" + source.startPosition() +
                " to " + (source.isActive() ? "live" : source.stopPosition()) + "): it was purged or truncated there");
            return;
        }
        final int body = begin(ControlProtocol.START_REPLAY, Step.REPLAY, nowNanos);
        request.putLong(body, sourceRecordingId);
        request.putLong(body + 8, fromPosition);
        request.putLong(body + 16, -1);
        request.putInt(body + 24, replayStreamId);
        requestLength = ControlProtocol.putString(request, body + 28, localChannel);
    }

    private void onAnswer(final AtomicBuffer buffer, final int offset, final int length, final Header header)
    {
        try
        {
            answer.onFragment(buffer, offset, length, header);
        }
        catch (final IllegalArgumentException ex)
        {
            errorHandler.accept(new IOException("replication " + replicationId +
                ": an answer from the source archive was dropped: " + ex.getMessage()));
        }
    }

    private static RecordingDescriptor descriptor(final ControlMessageReader answer)
    {
        final int body = ControlProtocol.ANSWER_BODY_OFFSET;
        final int afterChannel = answer.afterString(body + 64);
        final int afterSource = answer.afterString(afterChannel);
        return new RecordingDescriptor(answer.getLong(body), answer.getLong(body + 8), answer.getLong(body + 16),
            answer.getLong(body + 24), answer.getLong(body + 32), answer.getInt(body + 40), answer.getInt(body + 44),
            answer.getInt(body + 48), answer.getInt(body + 52), answer.getInt(body + 56), answer.getInt(body + 60),
            answer.getString(body + 64), answer.getString(afterChannel), answer.getInt(afterSource) != 0,
            answer.getLong(afterSource + Integer.BYTES));
    }

    /**
     * Whether an image is the replay this session awaits; if it is, the session records it from now on.
     *
     * @param candidate an image of this session's replay stream.
     * @return true if the conductor is to record it as the copy.
     */
    boolean takeImage(final Image candidate)
    {
        if (step != Step.AWAIT_IMAGE || candidate.streamId() != replayStreamId || replay == null ||
            candidate.subscriptionRegistrationId() != replay.registrationId())
        {
            return false;
        }
        if (candidate.joinPosition() != fromPosition)
        {
            retry(System.nanoTime(), "the source's replay joined at " + candidate.joinPosition() + ", not " +
                fromPosition);
            return false;
        }
        image = candidate;
        step = Step.REPLICATING;
        return true;
    }

    /**
     * Told that an image went: if it was the replay being copied, the copy has stopped and a new attempt follows.
     *
     * @param gone     the image.
     * @param nowNanos the time.
     */
    void onImageGone(final Image gone, final long nowNanos)
    {
        if (gone == image)
        {
            image = null;
            closeLink();
            step = Step.PAUSE;
            deadlineNanos = nowNanos + RETRY_DELAY_NANOS;
        }
    }

    private void retry(final long nowNanos, final String problem)
    {
        errorHandler.accept(new IOException("replication " + replicationId + " of recording " + sourceRecordingId +
            " from " + sourceControlChannel + ": " + problem + "; trying again"));
        closeLink();
        step = Step.PAUSE;
        deadlineNanos = nowNanos + RETRY_DELAY_NANOS;
    }

    private void fail(final String problem)
    {
        errorHandler.accept(new IOException("replication " + replicationId + " of recording " + sourceRecordingId +
            " from " + sourceControlChannel + " ends: " + problem));
        complete(problem);
    }

    private void complete(final String why)
    {
        outcome = why;
        closeLink();
    }

    private void closeLink()
    {
        if (requests != null && sourceControlSessionId != 0)
        {
            ControlProtocol.putHeader(request, ControlProtocol.CLOSE_SESSION, ControlProtocol.VERSION,
                sourceControlSessionId, nextCorrelationId++);
            requests.offer(request, 0,
                ControlProtocol.REQUEST_BODY_OFFSET); // once: the source closes a silent session itself
        }
        sourceControlSessionId = 0;
        image = null;
        for (final AutoCloseable closeable : new AutoCloseable[] {requests, responses, replay})
        {
            try
            {
                if (closeable != null)
                {
                    closeable.close();
                }
            }
            catch (final Exception ex)
            {
                errorHandler.accept(ex);
            }
        }
        requests = null;
        responses = null;
        replay = null;
    }

    /** Names the copy's recording, made or continued with the image taken. */
    void copyRecordingId(final long recordingId)
    {
        copyRecordingId = recordingId;
    }

    /** {@return the copy's recording id here, or {@link RecordingDescriptor#NULL_ID} before the first image} */
    long copyRecordingId()
    {
        return copyRecordingId;
    }

    /** {@return the source recording, as last described} */
    RecordingDescriptor source()
    {
        return source;
    }

    /** {@return where the source is: its control channel and stream} */
    String sourceName()
    {
        return sourceControlChannel + " stream " + sourceControlStreamId;
    }

    /** {@return the image being copied, or null} */
    Image image()
    {
        return image;
    }

    long sourceRecordingId()
    {
        return sourceRecordingId;
    }

    long replicationId()
    {
        return replicationId;
    }

    long controlSessionId()
    {
        return controlSessionId;
    }

    /** {@return why the replication ended, or null while it runs} */
    String outcome()
    {
        return outcome;
    }

    /** Stops the replication; the conductor stops the copy's recording first. */
    @Override
    public void close()
    {
        if (outcome == null)
        {
            complete("stopped");
        }
    }
}
