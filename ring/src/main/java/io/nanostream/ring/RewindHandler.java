package io.nanostream.ring;

/**
 * How a batch processor answers a {@link RewindableException}: with the sequence to go on from (the
 * batch's first, to replay it), or by rethrowing to give up. A {@link BatchEventProcessor} makes its
 * own from its {@link BatchRewindStrategy}; the interface is public because the Disruptor's is.
 */
@FunctionalInterface
public interface RewindHandler
{
    /**
     * Decides on one rewind request.
     *
     * @param exception            what the handler threw.
     * @param startOfBatchSequence the first sequence of the batch.
     * @return the next sequence to handle.
     * @throws RewindableException to give up: the exception handler then sees it as a failure.
     */
    long attemptRewindGetNextSequence(RewindableException exception,
        long startOfBatchSequence) throws RewindableException;
}
