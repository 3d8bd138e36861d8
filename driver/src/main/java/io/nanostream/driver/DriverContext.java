package io.nanostream.driver;

import io.nanostream.client.ClientContext;
import io.nanostream.driver.faults.LossGenerator;
import io.nanostream.driver.faults.RandomLoss;
import io.nanostream.log.FrameType;
import io.nanostream.log.LogLayout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The driver's settings. Each has a system property ({@code nanostream.*}) and a default that users of
 * Aeron will recognise.
 */
public final class DriverContext
{
    private Path directory = ClientContext.defaultDirectory();
    private ThreadingMode threadingMode = ThreadingMode.valueOf(
        System.getProperty("nanostream.threading.mode", "DEDICATED").toUpperCase(Locale.ROOT));
    private String idleStrategy = System.getProperty("nanostream.conductor.idle.strategy", "backoff");
    private int ipcTermLength = Integer.getInteger("nanostream.ipc.term.length", 16 * 1024 * 1024);
    private int mtu = Integer.getInteger("nanostream.mtu.length", 1408);
    private int ipcPublicationWindow = Integer.getInteger("nanostream.ipc.publication.window", 0);
    private Duration clientLivenessTimeout = Duration.ofMillis(Long.getLong("nanostream.client.liveness.timeout.ms", 10_000));
    private Duration publicationUnblockTimeout = Duration.ofMillis(Long.getLong("nanostream.publication.unblock.timeout.ms", 15_000));
    private Duration publicationLinger = Duration.ofMillis(Long.getLong("nanostream.publication.linger.ms", 5_000));
    private Duration driverTimeout = Duration.ofMillis(Long.getLong("nanostream.driver.timeout.ms", 10_000));
    private boolean sparseLogFiles = Boolean.getBoolean("nanostream.term.buffer.sparse.file");
    private int udpTermLength = Integer.getInteger("nanostream.udp.term.length", 16 * 1024 * 1024);
    private int receiverWindow = Integer.getInteger("nanostream.rcv.window", 128 * 1024);
    private Duration imageLivenessTimeout = Duration.ofMillis(Long.getLong("nanostream.image.liveness.timeout.ms", 10_000));
    private Supplier<LossGenerator> sendLoss = lossFromProperties("send");
    private Supplier<LossGenerator> receiveLoss = lossFromProperties("receive");
    private int commandRingLength = 1024 * 1024;
    private int broadcastLength = 1024 * 1024;
    private int counterCount = 2048;
    private int errorLogLength = 1024 * 1024;

    /**
     * Sets the directory the driver owns (default {@code /dev/shm/nano-stream-<user>}).
     *
     * @param directory the directory.
     * @return this context.
     */
    public DriverContext directory(final Path directory)
    {
        this.directory = directory;
        return this;
    }

    /**
     * The driver directory.
     *
     * @return the directory.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * Sets the threading mode (default dedicated; {@code nanostream.threading.mode}).
     *
     * @param threadingMode the mode.
     * @return this context.
     */
    public DriverContext threadingMode(final ThreadingMode threadingMode)
    {
        this.threadingMode = threadingMode;
        return this;
    }

    /**
     * The threading mode.
     *
     * @return the mode.
     */
    public ThreadingMode threadingMode()
    {
        return threadingMode;
    }

    /**
     * Sets the conductor's idle strategy by name: spin, yield, sleep, backoff (default), noop.
     *
     * @param name the strategy's name.
     * @return this context.
     */
    public DriverContext idleStrategy(final String name)
    {
        this.idleStrategy = name;
        return this;
    }

    /**
     * The conductor's idle strategy name.
     *
     * @return the name.
     */
    public String idleStrategy()
    {
        return idleStrategy;
    }

    /**
     * Sets the default term length of IPC publications (default 16 MiB; channels may say otherwise).
     *
     * @param termLength a power of two from 64 KiB to 1 GiB.
     * @return this context.
     */
    public DriverContext ipcTermLength(final int termLength)
    {
        this.ipcTermLength = termLength;
        return this;
    }

    /**
     * The default IPC term length.
     *
     * @return bytes.
     */
    public int ipcTermLength()
    {
        return ipcTermLength;
    }

    /**
     * Sets the default MTU (default 1408).
     *
     * @param mtu a multiple of 32 up to 65504.
     * @return this context.
     */
    public DriverContext mtu(final int mtu)
    {
        this.mtu = mtu;
        return this;
    }

    /**
     * The default MTU.
     *
     * @return bytes.
     */
    public int mtu()
    {
        return mtu;
    }

    /**
     * Sets how far publishers may run ahead of the slowest subscriber (default half a term).
     *
     * @param window bytes, at most half a term; 0 for the default.
     * @return this context.
     */
    public DriverContext ipcPublicationWindow(final int window)
    {
        this.ipcPublicationWindow = window;
        return this;
    }

    /**
     * How far publishers may run ahead of the slowest subscriber.
     *
     * @return bytes, capped at half a term when used; 0 for half a term.
     */
    public int ipcPublicationWindow()
    {
        return ipcPublicationWindow;
    }

    /**
     * Sets how long a client may stay silent before the driver releases what it holds (default 10 s).
     *
     * @param timeout the timeout.
     * @return this context.
     */
    public DriverContext clientLivenessTimeout(final Duration timeout)
    {
        this.clientLivenessTimeout = timeout;
        return this;
    }

    /**
     * The client liveness timeout.
     *
     * @return the timeout.
     */
    public Duration clientLivenessTimeout()
    {
        return clientLivenessTimeout;
    }

    /**
     * Sets how long subscribers may be stuck behind an unfinished frame before the driver pads it over
     * (default 15 s): the frame of a publisher that died mid-message.
     *
     * @param timeout the timeout.
     * @return this context.
     */
    public DriverContext publicationUnblockTimeout(final Duration timeout)
    {
        this.publicationUnblockTimeout = timeout;
        return this;
    }

    /**
     * The publication unblock timeout.
     *
     * @return the timeout.
     */
    public Duration publicationUnblockTimeout()
    {
        return publicationUnblockTimeout;
    }

    /**
     * Sets how long a closed publication's log stays after its subscribers drained it (default 5 s).
     *
     * @param linger the linger.
     * @return this context.
     */
    public DriverContext publicationLinger(final Duration linger)
    {
        this.publicationLinger = linger;
        return this;
    }

    /**
     * The publication linger.
     *
     * @return the linger.
     */
    public Duration publicationLinger()
    {
        return publicationLinger;
    }

    /**
     * Sets how stale another driver's heartbeat must be before this one takes over its directory (default 10 s).
     *
     * @param timeout the timeout.
     * @return this context.
     */
    public DriverContext driverTimeout(final Duration timeout)
    {
        this.driverTimeout = timeout;
        return this;
    }

    /**
     * The driver timeout.
     *
     * @return the timeout.
     */
    public Duration driverTimeout()
    {
        return driverTimeout;
    }

    /**
     * Sets whether log files are sparse (pages allocated on first touch, by the publisher, mid-stream) or
     * written through when created (the default, as Aeron does: adding a publication takes longer, and
     * publishers never stop on a page fault).
     *
     * @param sparse true for sparse files.
     * @return this context.
     */
    public DriverContext sparseLogFiles(final boolean sparse)
    {
        this.sparseLogFiles = sparse;
        return this;
    }

    /**
     * Whether log files are sparse.
     *
     * @return true for sparse files.
     */
    public boolean sparseLogFiles()
    {
        return sparseLogFiles;
    }

    /**
     * Sets the default term length of UDP publications (default 16 MiB; channels may say otherwise).
     *
     * @param termLength a power of two from 64 KiB to 1 GiB.
     * @return this context.
     */
    public DriverContext udpTermLength(final int termLength)
    {
        LogLayout.checkTermLength(termLength);
        this.udpTermLength = termLength;
        return this;
    }

    /**
     * The default UDP term length.
     *
     * @return bytes.
     */
    public int udpTermLength()
    {
        return udpTermLength;
    }

    /**
     * Sets the receiver window a UDP receiver grants its senders (default 128 KiB, capped at half a term).
     *
     * @param window bytes, at least 4 KiB.
     * @return this context.
     */
    public DriverContext receiverWindow(final int window)
    {
        if (window < 4096)
        {
            throw new IllegalArgumentException("receiver window must be at least 4096 bytes, was " + window);
        }
        this.receiverWindow = window;
        return this;
    }

    /**
     * The receiver window.
     *
     * @return bytes.
     */
    public int receiverWindow()
    {
        return receiverWindow;
    }

    /**
     * Sets how long a UDP image or publication lives without hearing from its peer (default 10 s).
     *
     * @param timeout the timeout.
     * @return this context.
     */
    public DriverContext imageLivenessTimeout(final Duration timeout)
    {
        this.imageLivenessTimeout = timeout;
        return this;
    }

    /**
     * The image liveness timeout.
     *
     * @return the timeout.
     */
    public Duration imageLivenessTimeout()
    {
        return imageLivenessTimeout;
    }

    /**
     * Sets the loss injected on every datagram the driver sends; each sending thread and socket gets its own
     * generator from the supplier. Default: none, or {@code nanostream.udp.send.loss.rate} (with
     * {@code nanostream.udp.loss.seed} and {@code nanostream.udp.loss.types}, e.g. {@code data,sm,nak}).
     *
     * @param loss supplies generators.
     * @return this context.
     */
    public DriverContext sendLoss(final Supplier<LossGenerator> loss)
    {
        this.sendLoss = loss;
        return this;
    }

    /**
     * The send-side loss.
     *
     * @return the supplier.
     */
    public Supplier<LossGenerator> sendLoss()
    {
        return sendLoss;
    }

    /**
     * Sets the loss injected on every datagram the driver receives (see {@link #sendLoss(Supplier)}; property
     * {@code nanostream.udp.receive.loss.rate}).
     *
     * @param loss supplies generators.
     * @return this context.
     */
    public DriverContext receiveLoss(final Supplier<LossGenerator> loss)
    {
        this.receiveLoss = loss;
        return this;
    }

    /**
     * The receive-side loss.
     *
     * @return the supplier.
     */
    public Supplier<LossGenerator> receiveLoss()
    {
        return receiveLoss;
    }

    private static Supplier<LossGenerator> lossFromProperties(final String side)
    {
        final String rate = System.getProperty("nanostream.udp." + side + ".loss.rate");
        if (rate == null)
        {
            return () -> LossGenerator.NONE;
        }
        final double value = Double.parseDouble(rate);
        final long seed = Long.getLong("nanostream.udp.loss.seed", 42);
        final int[] types = Arrays.stream(System.getProperty("nanostream.udp.loss.types", "data").split(","))
            .mapToInt(DriverContext::frameType).toArray();
        final long[] instances = {0};
        return () -> new RandomLoss(value, seed + instances[0]++, types);
    }

    private static int frameType(final String name)
    {
        return switch (name.trim().toLowerCase(Locale.ROOT))
        {
            case "data" -> FrameType.DATA;
            case "pad" -> FrameType.PAD;
            case "sm" -> FrameType.SM;
            case "nak" -> FrameType.NAK;
            case "setup" -> FrameType.SETUP;
            case "rttm" -> FrameType.RTTM;
            default -> throw new IllegalArgumentException("nanostream.udp.loss.types: unknown frame type '" + name +
                "'; use data, pad, sm, nak, setup or rttm");
        };
    }

    /**
     * The command ring's data bytes.
     *
     * @return bytes.
     */
    public int commandRingLength()
    {
        return commandRingLength;
    }

    /**
     * The broadcast buffer's data bytes.
     *
     * @return bytes.
     */
    public int broadcastLength()
    {
        return broadcastLength;
    }

    /**
     * The number of counters.
     *
     * @return the count.
     */
    public int counterCount()
    {
        return counterCount;
    }

    /**
     * The error log's bytes.
     *
     * @return bytes.
     */
    public int errorLogLength()
    {
        return errorLogLength;
    }
}
