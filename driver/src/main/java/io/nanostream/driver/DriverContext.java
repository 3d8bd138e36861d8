package io.nanostream.driver;

import io.nanostream.client.ClientContext;
import io.nanostream.client.ClientProperties;
import io.nanostream.driver.loss.LossInjection;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The driver's settings, each from its system property ({@link DriverProperties}) or an Aeron-like default; setters
 * override; {@link #conclude()} checks all.
 */
public final class DriverContext
{
    private Path directory = ClientContext.defaultDirectory();
    private ThreadingMode threadingMode = DriverProperties.THREADING_MODE.read();
    private int ipcTermLength = DriverProperties.IPC_TERM_LENGTH.read();
    private int udpTermLength = DriverProperties.UDP_TERM_LENGTH.read();
    private int mtu = DriverProperties.MTU_LENGTH.read();
    private int ipcPublicationWindow = DriverProperties.IPC_PUBLICATION_WINDOW.read();
    private int receiverWindow = DriverProperties.RECEIVER_WINDOW.read();
    private Duration clientLivenessTimeout = DriverProperties.CLIENT_LIVENESS_TIMEOUT.read();
    private Duration publicationUnblockTimeout = DriverProperties.PUBLICATION_UNBLOCK_TIMEOUT.read();
    private Duration publicationLinger = DriverProperties.PUBLICATION_LINGER.read();
    private Duration dutyCycleThreshold = DriverProperties.DUTY_CYCLE_THRESHOLD.read();
    private Duration driverTimeout = DriverProperties.DRIVER_TIMEOUT.read();
    private Duration imageLivenessTimeout = DriverProperties.IMAGE_LIVENESS_TIMEOUT.read();
    private Duration reResolutionInterval = DriverProperties.RE_RESOLUTION_INTERVAL.read();
    private NameResolver nameResolver = java.net.InetAddress::getByName;
    private int maxRegistrationsPerClient = DriverProperties.CLIENT_MAX_REGISTRATIONS.read();
    private String affinity = DriverProperties.AFFINITY.read();
    private Path authKeyFile = pathOrNull(DriverProperties.AUTH_KEYS.read());
    private Duration authReplayWindow = DriverProperties.AUTH_REPLAY_WINDOW.read();
    private final LossInjection lossInjection = new LossInjection(DriverProperties.loss(DriverProperties.SEND_LOSS_RATE),
        DriverProperties.loss(DriverProperties.RECEIVE_LOSS_RATE));
    private final NetworkLimits networkLimits = new NetworkLimits();
    private final LogStorage logStorage = new LogStorage();
    private final AgentIdleStrategies idleStrategies = new AgentIdleStrategies();
    private final ControlFileSizes controlFileSizes = new ControlFileSizes();
    private final DatagramBatching datagramBatching = new DatagramBatching();

    /** Creates a context with the defaults (system properties, then built-in values), which the setters then change. */
    public DriverContext()
    {
    }

    /**
     * Sets the directory the driver owns (default {@code /dev/shm/nano-stream-<user>}; {@code nanostream.dir}).
     *
     * @param directory the directory.
     * @return this context.
     */
    public DriverContext directory(final Path directory)
    {
        this.directory = directory;
        return this;
    }

    /** {@return the driver directory} */
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

    /** {@return the threading mode} */
    public ThreadingMode threadingMode()
    {
        return threadingMode;
    }

    /**
     * Sets every agent's idle strategy by name: spin, yield, sleep, backoff (default), noop, or
     * backoff:spins:yields:minPark:maxPark. {@link #idleStrategies()} sets one agent's.
     *
     * @param name the strategy's name.
     * @return this context.
     */
    public DriverContext idleStrategy(final String name)
    {
        idleStrategies.all(name);
        return this;
    }

    /** {@return each agent's idle strategy, to read or set one by one} */
    public AgentIdleStrategies idleStrategies()
    {
        return idleStrategies;
    }

    /**
     * {@return the sizes of the control file's command ring, broadcast buffer, counters and error log, to read or set}
     */
    public ControlFileSizes controlFileSizes()
    {
        return controlFileSizes;
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

    /** {@return the default IPC term length in bytes} */
    public int ipcTermLength()
    {
        return ipcTermLength;
    }

    /**
     * Sets the default term length of UDP publications (default 16 MiB; channels may say otherwise).
     *
     * @param termLength a power of two from 64 KiB to 1 GiB.
     * @return this context.
     */
    public DriverContext udpTermLength(final int termLength)
    {
        this.udpTermLength = termLength;
        return this;
    }

    /** {@return the default UDP term length in bytes} */
    public int udpTermLength()
    {
        return udpTermLength;
    }

    /**
     * Sets the default MTU (default 1408).
     *
     * @param mtu a multiple of 32 from 64 to 65504.
     * @return this context.
     */
    public DriverContext mtu(final int mtu)
    {
        this.mtu = mtu;
        return this;
    }

    /** {@return the default MTU in bytes} */
    public int mtu()
    {
        return mtu;
    }

    /**
     * Sets how far IPC publishers may run ahead of the slowest subscriber (default, and at most, half a term).
     *
     * @param window bytes; 0 for half a term.
     * @return this context.
     */
    public DriverContext ipcPublicationWindow(final int window)
    {
        this.ipcPublicationWindow = window;
        return this;
    }

    /** {@return how far IPC publishers may run ahead, in bytes; 0 for half a term} */
    public int ipcPublicationWindow()
    {
        return ipcPublicationWindow;
    }

    /**
     * Sets the window a UDP receiver grants its senders (default 128 KiB, capped at half a term).
     *
     * @param window bytes, at least the MTU.
     * @return this context.
     */
    public DriverContext receiverWindow(final int window)
    {
        this.receiverWindow = window;
        return this;
    }

    /** {@return the UDP receiver window in bytes} */
    public int receiverWindow()
    {
        return receiverWindow;
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

    /** {@return the client liveness timeout} */
    public Duration clientLivenessTimeout()
    {
        return clientLivenessTimeout;
    }

    /**
     * Sets how long a claimed frame may stay unfinished before the driver pads over it (default 15 s, more
     * than the client liveness timeout).
     *
     * @param timeout the timeout.
     * @return this context.
     */
    public DriverContext publicationUnblockTimeout(final Duration timeout)
    {
        this.publicationUnblockTimeout = timeout;
        return this;
    }

    /** {@return the publication unblock timeout} */
    public Duration publicationUnblockTimeout()
    {
        return publicationUnblockTimeout;
    }

    /**
     * Sets how long a drained publication's log stays for late readers (default 5 s).
     *
     * @param linger the linger.
     * @return this context.
     */
    public DriverContext publicationLinger(final Duration linger)
    {
        this.publicationLinger = linger;
        return this;
    }

    /** {@return the publication linger} */
    public Duration publicationLinger()
    {
        return publicationLinger;
    }

    /**
     * Sets how long a duty cycle of the conductor, the sender or the receiver may take before it is counted as slow
     * ({@code conductor cycles over 1 ms} and {@code conductor longest cycle ns} in {@code stat}; the same for the
     * others). Default 1 ms ({@code nanostream.duty.cycle.threshold.ms}).
     *
     * @param threshold the threshold, more than zero.
     * @return this context.
     */
    public DriverContext dutyCycleThreshold(final Duration threshold)
    {
        this.dutyCycleThreshold = threshold;
        return this;
    }

    /** {@return how long a duty cycle may take before it is counted} */
    public Duration dutyCycleThreshold()
    {
        return dutyCycleThreshold;
    }

    /**
     * Sets how long a driver may be silent before another may take over its directory (default 10 s).
     *
     * @param timeout the timeout.
     * @return this context.
     */
    public DriverContext driverTimeout(final Duration timeout)
    {
        this.driverTimeout = timeout;
        return this;
    }

    /** {@return the driver timeout} */
    public Duration driverTimeout()
    {
        return driverTimeout;
    }

    private static Path pathOrNull(final String text)
    {
        return text == null ? null : Path.of(text);
    }

    /**
     * Sets the key file of {@code auth=} channels (default none: such channels are refused; {@code
     * nanostream.udp.auth.keys}). Each line is {@code name generation hex-key}, optionally followed by {@code
     * accept-only}; the driver reads the file at launch (a file that does not read stops the launch) and again
     * within a second whenever it changes.
     *
     * @param file the file, or null for none.
     * @return this context.
     */
    public DriverContext authKeyFile(final Path file)
    {
        this.authKeyFile = file;
        return this;
    }

    /** {@return the key file of {@code auth=} channels, or null} */
    public Path authKeyFile()
    {
        return authKeyFile;
    }

    /**
     * Sets how far a signed datagram's time may be from this host's clock (default 10 s;
     * {@code nanostream.udp.auth.replay.window.ms}): captured datagrams sent again later are refused.
     * Hosts' clocks must agree within it.
     *
     * @param window positive.
     * @return this context.
     */
    public DriverContext authReplayWindow(final Duration window)
    {
        this.authReplayWindow = window;
        return this;
    }

    /** {@return how far a signed datagram's time may be from this host's clock} */
    public Duration authReplayWindow()
    {
        return authReplayWindow;
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

    /** {@return the image liveness timeout} */
    public Duration imageLivenessTimeout()
    {
        return imageLivenessTimeout;
    }

    /**
     * Sets how often the host name of a UDP publication's {@code endpoint=} is looked up again to follow a receiver
     * whose address moved (a restarted pod's); it is also looked up again at once when the receiver stops answering.
     * (Manual multi-destination-cast destinations and a subscription's {@code control=} are looked up once, when
     * added.) Names only: an address is never looked up. Default 1 s ({@code
     * nanostream.udp.re.resolution.interval.ms}).
     *
     * @param interval the interval.
     * @return this.
     */
    public DriverContext reResolutionInterval(final Duration interval)
    {
        this.reResolutionInterval = interval;
        return this;
    }

    /** {@return how often host names are looked up again} */
    public Duration reResolutionInterval()
    {
        return reResolutionInterval;
    }

    /**
     * Sets how host names become addresses (default: the JDK's name service).
     *
     * @param resolver the resolver, called on the driver's resolver thread.
     * @return this.
     */
    public DriverContext nameResolver(final NameResolver resolver)
    {
        this.nameResolver = java.util.Objects.requireNonNull(resolver, "resolver");
        return this;
    }

    /** {@return how host names become addresses} */
    public NameResolver nameResolver()
    {
        return nameResolver;
    }

    /**
     * Sets the most publications and subscriptions one client may hold (default 256): no client takes every counter.
     *
     * @param max at least 1.
     * @return this context.
     */
    public DriverContext maxRegistrationsPerClient(final int max)
    {
        this.maxRegistrationsPerClient = max;
        return this;
    }

    /** {@return the most publications and subscriptions one client may hold} */
    public int maxRegistrationsPerClient()
    {
        return maxRegistrationsPerClient;
    }

    /**
     * Sets each agent's CPUs ({@code nanostream.affinity}, e.g. {@code conductor=0,sender=1}; SHARED: the
     * conductor's); needs native access.
     *
     * @param affinity agent=CPUs pairs, comma-separated; blank for none.
     * @return this context.
     */
    public DriverContext affinity(final String affinity)
    {
        this.affinity = affinity == null ? "" : affinity.trim();
        return this;
    }

    /** {@return the agents' CPUs as set, blank for none} */
    public String affinity()
    {
        return affinity;
    }

    /** {@return the loss the UDP sockets inject on purpose (tests, demonstrations), to read or set in place} */
    public LossInjection lossInjection()
    {
        return lossInjection;
    }

    /** {@return what the network may ask of the receiver (term length, image caps), to read or set in place} */
    public NetworkLimits networkLimits()
    {
        return networkLimits;
    }

    /** {@return where the logs go (a huge page file system, or the driver directory), to read or set in place} */
    public LogStorage logStorage()
    {
        return logStorage;
    }

    /**
     * {@return how UDP sockets move datagrams (one per call, or batches through native
     * sockets), to read or set in place}
     */
    public DatagramBatching datagramBatching()
    {
        return datagramBatching;
    }

    /**
     * Checks every setting, and how they fit together, before launch.
     *
     * @return this context.
     * @throws IllegalArgumentException naming each bad value and the fix.
     */
    public DriverContext conclude()
    {
        DriverContextCheck.check(this);
        return this;
    }
}
