package io.nanostream.cli;

import io.nanostream.client.Image;
import io.nanostream.client.Subscription;
import io.nanostream.log.FragmentAssembler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code nano-stream archive replay ID}: a running archive replays a recording to this
 * command, which prints each message.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Asks the running archive to replay a recording over IPC to " +
    "this command, which prints one line per message: the position after it, its length and first bytes. Ends at the end of the replay " +
    "(a recording still being made is followed until Ctrl-C).")
public final class ArchiveReplayCommand implements Callable<Integer>
{
    @Option(names = "--dir",
        description = "The driver's directory (default: nanostream.dir, or /dev/shm/nano-stream-<user>).")
    private Path directory;

    @Option(names = "--position", description = "Where to start: a frame start (default: the recording's start).")
    private long position = -1;

    @Option(names = "--length", description = "How many bytes (default: to the end).")
    private long length = -1;

    @Option(names = "--bytes", description = "How many leading bytes of each message to print in hex (default 16).")
    private int bytes = 16;

    @Parameters(index = "0", description = "The recording id.")
    private long recordingId;

    @Override
    public Integer call() throws InterruptedException
    {
        final HexFormat hex = HexFormat.of();
        final long[] messages = {0};
        final FragmentAssembler printer = new FragmentAssembler((buffer, offset, messageLength, header) ->
        {
            final byte[] head = new byte[Math.min(bytes, messageLength)];
            buffer.getBytes(offset, head, 0, head.length);
            System.out.printf("%,16d %8d  %s%n", header.position(), messageLength, hex.formatHex(head));
            messages[0]++;
        });
        final int streamId = ThreadLocalRandom.current().nextInt(1 << 24, Integer.MAX_VALUE);
        try (ArchiveSession session = ArchiveSession.connect(directory);
             Subscription replay = session.client().addSubscription("nano:ipc", streamId))
        {
            session.archive().startReplay(recordingId, position, length, "nano:ipc", streamId);
            final long connectDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (replay.imageCount() == 0)
            {
                if (System.nanoTime() - connectDeadline > 0)
                {
                    throw new IllegalStateException("the archive started replay of recording " + recordingId +
                        " but no replay " + "reached this command within 10 s");
                }
                Thread.sleep(1);
            }
            final Image image = replay.images().getFirst();
            while (!image.isEndOfStream() && !image.isClosed())
            {
                if (image.poll(printer, 256) == 0)
                {
                    Thread.sleep(1);
                }
            }
            image.poll(printer, Integer.MAX_VALUE);
        }
        System.out.println(messages[0] + " message(s) replayed from recording " + recordingId);
        return 0;
    }
}
