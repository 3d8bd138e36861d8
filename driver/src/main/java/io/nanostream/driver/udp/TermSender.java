package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FrameType;
import io.nanostream.log.LogLayout;
import io.nanostream.log.TermScanner;

import java.nio.ByteBuffer;

/**
 * Sends a publication's log as datagrams: each datagram is the whole frames a {@link TermScanner} finds within the MTU
 * (a padding frame goes as its header alone), staged on the {@link PublicationSocket} and sent in batches of as many
 * messages as it takes, several equal datagrams per message where it segments. The position only moves
 * past datagrams the socket took (or injected loss dropped), so a full socket buffer resumes where it
 * stopped. Used on the sender thread.
 */
final class TermSender
{
    private final AtomicBuffer[] terms;
    private final ByteBuffer[] termBuffers;
    private final int termLength;
    private final int mtu;
    private final int positionBitsToShift;
    private final PublicationSocket socket;
    /** For each staged message: the position after its datagrams and after the dropped ones that follow it. */
    private final long[] stagedEnds;
    /** For each staged message: datagrams scanned up to {@link #stagedEnds}. */
    private final int[] stagedCounts;
    private int datagrams;
    /**
     * Where datagrams that injected loss dropped start, beyond the position reached (the socket filled before the
     * message ahead of them went): when they are scanned again they are dropped again, without asking the loss
     * generator a second time. Two arrays, swapped after each batch.
     */
    private long[] dropsAhead;
    private long[] dropsNow;
    private int dropsAheadCount;

    TermSender(final AtomicBuffer[] terms, final ByteBuffer[] termBuffers, final int mtu,
        final PublicationSocket socket)
    {
        this.terms = terms;
        this.termBuffers = termBuffers;
        this.termLength = (int)terms[0].capacity();
        this.mtu = mtu;
        this.positionBitsToShift = LogLayout.positionBitsToShift(termLength);
        this.socket = socket;
        final int messages = socket.messageCapacity();
        this.stagedEnds = new long[messages];
        this.stagedCounts = new int[messages];
        this.dropsAhead = new long[2 * Math.max(64, socket.datagramCapacity())];
        this.dropsNow = new long[dropsAhead.length];
    }

    /**
     * Sends complete frames from a position toward a limit.
     *
     * @param position     where sending starts.
     * @param limit        where it must stop (flow control).
     * @param maxDatagrams the most datagrams to send.
     * @return the position reached: every datagram before it was taken by the socket or dropped by injected loss.
     */
    long send(final long position, final long limit, final int maxDatagrams)
    {
        long reached = position;
        int done = 0;
        boolean more = true;
        while (more && done < maxDatagrams && reached < limit)
        {
            long scanPosition = reached;
            long leadingEnd = reached; // past datagrams dropped before the first staged one
            int leadingCount = 0;
            int scanned = 0;
            int messages = 0;
            int replay = 0;
            int dropsNowCount = 0;
            while (done + scanned < maxDatagrams && scanPosition < limit && socket.hasRoom())
            {
                final int index = LogLayout.indexByPosition(scanPosition, positionBitsToShift);
                final int termOffset = (int)scanPosition & (termLength - 1);
                final long scan = TermScanner.scan(terms[index], termOffset, (int)Math.min(limit - scanPosition, mtu));
                final int length = TermScanner.length(scan);
                if (length == 0)
                {
                    more = false;
                    break;
                }
                while (replay < dropsAheadCount && dropsAhead[replay] < scanPosition)
                {
                    replay++; // the frames were scanned into other datagrams this time (the limit moved)
                }
                final int message;
                if (replay < dropsAheadCount && dropsAhead[replay] == scanPosition)
                {
                    replay++;
                    message = PublicationSocket.DROPPED;
                }
                else
                {
                    final boolean padding = TermScanner.isPadding(scan);
                    message = socket.stage(terms[index], termBuffers[index], termOffset, padding ?
                        FrameHeader.LENGTH : length, padding ? FrameType.PAD : FrameType.DATA);
                    if (message == PublicationSocket.FULL)
                    {
                        break;
                    }
                }
                if (message == PublicationSocket.DROPPED && dropsNowCount < dropsNow.length)
                {
                    dropsNow[dropsNowCount++] = scanPosition;
                }
                scanPosition += length;
                scanned++;
                if (message >= 0)
                {
                    messages = message + 1;
                    stagedEnds[message] = scanPosition;
                    stagedCounts[message] = scanned;
                }
                else if (messages == 0)
                {
                    leadingEnd = scanPosition;
                    leadingCount = scanned;
                }
                else
                {
                    stagedEnds[messages - 1] = scanPosition; // a dropped datagram is done once the message before it is
                    stagedCounts[messages - 1] = scanned;
                }
            }
            final int sent = messages > 0 ? socket.sendStaged() : 0;
            if (sent < messages)
            {
                more = false; // the socket's buffer is full: the rest goes next cycle
            }
            reached = sent > 0 ? stagedEnds[sent - 1] : leadingEnd;
            done += sent > 0 ? stagedCounts[sent - 1] : leadingCount;
            keepDropsAhead(reached, dropsNowCount, replay);
        }
        datagrams = done;
        return reached;
    }

    /**
     * Keeps the drops not yet passed: this batch's beyond the position reached, then the earlier ones it did not reach.
     */
    private void keepDropsAhead(final long reached, final int dropsNowCount, final int replay)
    {
        int kept = 0;
        for (int i = 0; i < dropsNowCount; i++)
        {
            if (dropsNow[i] >= reached)
            {
                dropsNow[kept++] = dropsNow[i];
            }
        }
        for (int i = replay; i < dropsAheadCount && kept < dropsNow.length; i++)
        {
            dropsNow[kept++] = dropsAhead[i];
        }
        final long[] swap = dropsAhead;
        dropsAhead = dropsNow;
        dropsNow = swap;
        dropsAheadCount = kept;
    }

    /** {@return datagrams sent (or dropped by injected loss) by the last {@link #send}} */
    int datagrams()
    {
        return datagrams;
    }
}
