package io.nanostream.client;

import io.nanostream.client.protocol.LocalDrivers;
import io.nanostream.concurrent.Clock;
import io.nanostream.concurrent.SystemClock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * How a client connects: the driver directory and the timeouts. Defaults come from system properties
 * ({@link ClientProperties}), then from built-in values; a property that does not parse is an error that names it,
 * never a silent default. A context is
 * filled in by one thread before it connects, and read-only after.
 */
public final class ClientContext
{
    private static final System.Logger LOGGER = System.getLogger("io.nanostream.client");

    private Path directory;
    private Duration driverTimeout = ClientProperties.DRIVER_TIMEOUT.read();
    private Duration connectTimeout = ClientProperties.CONNECT_TIMEOUT.read();
    private Duration keepaliveInterval = Duration.ofMillis(500);
    private Duration dutyCycleThreshold = ClientProperties.DUTY_CYCLE_THRESHOLD.read();
    private Duration resourceLinger = Duration.ofSeconds(3);
    private boolean preTouchLogs = ClientProperties.PRE_TOUCH_LOGS.read();
    private Consumer<Throwable> errorHandler = error -> LOGGER.log(System.Logger.Level.ERROR,
        "nano-stream client error", error);
    private Clock clock = SystemClock.INSTANCE;
    private boolean useConductorInvoker;
    private IntSupplier driverInvoker;

    /** Creates a context with the defaults (system properties, then built-in values), which the setters then change. */
    public ClientContext()
    {
    }

    /**
     * The default driver directory: {@code nanostream.dir} if set, else {@code /dev/shm/nano-stream-<user>}
     * where {@code /dev/shm} exists, else under the temporary directory.
     *
     * @return the directory.
     */
    public static Path defaultDirectory()
    {
        final String configured = ClientProperties.DIRECTORY.read();
        if (configured != null)
        {
            return Path.of(configured);
        }
        final String name = "nano-stream-" + System.getProperty("user.name", "default");
        final Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) ? shm.resolve(name) : Path.of(System.getProperty("java.io.tmpdir")).resolve(name);
    }

    /**
     * Sets the driver directory. Unset, the client uses {@code nanostream.dir} if that is set, else the one
     * media driver running embedded in this JVM if there is exactly one, else {@link #defaultDirectory()}; with several
     * drivers embedded and none named, {@code NanoStream.connect} refuses to guess.
     *
     * @param directory the directory the driver was launched with.
     * @return this context.
     */
    public ClientContext directory(final Path directory)
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
        if (directory != null)
        {
            return directory;
        }
        final List<Path> embedded = LocalDrivers.directories();
        return ClientProperties.DIRECTORY.read() == null && embedded.size() == 1 ?
            embedded.getFirst() : defaultDirectory();
    }

    /** {@return whether the directory was given, here or by {@code nanostream.dir}, rather than guessed} */
    boolean directoryGiven()
    {
        return directory != null || ClientProperties.DIRECTORY.read() != null;
    }

    /**
     * Sets how long the driver may stay silent before the client gives up on it.
     *
     * @param timeout the timeout; default 10 s.
     * @return this context.
     */
    public ClientContext driverTimeout(final Duration timeout)
    {
        this.driverTimeout = timeout;
        return this;
    }

    /**
     * How long the driver may stay silent.
     *
     * @return the timeout.
     */
    public Duration driverTimeout()
    {
        return driverTimeout;
    }

    /**
     * Sets how long {@code NanoStream.connect} waits for a driver that is not there yet: no control file, one still
     * being made, or a dead driver's that a new one will replace. It then fails naming the directory it watched.
     *
     * @param timeout the longest wait; zero to fail at once. Default: the driver timeout.
     * @return this context.
     */
    public ClientContext connectTimeout(final Duration timeout)
    {
        if (timeout.isNegative())
        {
            throw new IllegalArgumentException("connect timeout " + timeout +
                " is negative; give zero to fail at once");
        }
        this.connectTimeout = timeout;
        return this;
    }

    /** {@return how long connecting waits for a driver to appear: the setting, else the driver timeout} */
    public Duration connectTimeout()
    {
        return connectTimeout.isNegative() ? driverTimeout : connectTimeout;
    }

    /**
     * Sets how often the client tells the driver it is alive.
     *
     * @param interval the interval; default 500 ms, well inside the driver's client liveness timeout.
     * @return this context.
     */
    public ClientContext keepaliveInterval(final Duration interval)
    {
        this.keepaliveInterval = interval;
        return this;
    }

    /**
     * How often the client heartbeats.
     *
     * @return the interval.
     */
    public Duration keepaliveInterval()
    {
        return keepaliveInterval;
    }

    /**
     * Sets how long a duty cycle of the client's conductor may take before it is counted as slow, in the
     * {@code client-cycles} counter the driver keeps for this client ({@code stat --type client-cycles}). A slow cycle
     * delays keepalives, image handlers and the driver's answers; an image handler that blocks is the usual cause.
     *
     * @param threshold the threshold, more than zero; default 1 ms ({@code nanostream.client.duty.cycle.threshold.ms}).
     * @return this context.
     */
    public ClientContext dutyCycleThreshold(final Duration threshold)
    {
        if (threshold.isNegative() || threshold.isZero())
        {
            throw new IllegalArgumentException("duty cycle threshold " + threshold + " must be more than zero");
        }
        this.dutyCycleThreshold = threshold;
        return this;
    }

    /** {@return how long a duty cycle of the client's conductor may take before it is counted} */
    public Duration dutyCycleThreshold()
    {
        return dutyCycleThreshold;
    }

    /**
     * Sets whether the client touches every page of a log when it maps it, so that the first lap of
     * offers and polls takes no page faults (a minor fault costs microseconds, and one in every 64
     * small messages took one: it was the whole of the round-trip p99 in BENCHMARKS.md). Mapping then
     * takes about 1 ms per 16 MiB of log.
     *
     * @param preTouchLogs true (the default) to touch pages at mapping time; or the system property
     *                     {@code nanostream.client.pre.touch.logs=false}.
     * @return this context.
     */
    public ClientContext preTouchLogs(final boolean preTouchLogs)
    {
        this.preTouchLogs = preTouchLogs;
        return this;
    }

    /**
     * Whether logs are touched page by page when mapped.
     *
     * @return true if so.
     */
    public boolean preTouchLogs()
    {
        return preTouchLogs;
    }

    /**
     * Sets how long closed publications and images stay mapped, so that a thread still inside a poll or
     * offer never touches unmapped memory.
     *
     * @param linger the linger; default 3 s.
     * @return this context.
     */
    public ClientContext resourceLinger(final Duration linger)
    {
        this.resourceLinger = linger;
        return this;
    }

    /**
     * How long closed resources stay mapped.
     *
     * @return the linger.
     */
    public Duration resourceLinger()
    {
        return resourceLinger;
    }

    /**
     * Sets what receives errors found by the client's background thread (driver loss, lapped broadcast). The loss of
     * the driver arrives as a {@link DriverUnavailableException} that says why, before the client's publications report
     * {@code CLOSED} and its subscriptions {@code isClosed()}, so that a loop that stops on
     * those can ask the handler why.
     *
     * @param errorHandler the handler; default logs through {@code System.Logger}.
     * @return this context.
     */
    public ClientContext errorHandler(final Consumer<Throwable> errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    /**
     * The error handler.
     *
     * @return the handler.
     */
    public Consumer<Throwable> errorHandler()
    {
        return errorHandler;
    }

    /**
     * Sets the clock the client's conductor reads: keepalives, the driver's liveness, lingering logs. Tests
     * move a {@code ManualClock} by hand; waits for the driver's answers stay in real time.
     *
     * @param clock the clock; default the system's.
     * @return this context.
     */
    public ClientContext clock(final Clock clock)
    {
        this.clock = clock;
        return this;
    }

    /** {@return the clock the client's conductor reads} */
    public Clock clock()
    {
        return clock;
    }

    /**
     * Sets whether the client's conductor runs on the application's thread, in {@link NanoStream#invoke()}, instead
     * of a thread of its own: for applications that own all their threads. The application then calls
     * {@code invoke()} often (at least every keepalive interval), and a thread that waits for the driver's answer to
     * an add or a close runs the conductor's duty cycle itself while it waits.
     *
     * @param useConductorInvoker true for no thread of the client's own; default false.
     * @return this context.
     */
    public ClientContext useConductorInvoker(final boolean useConductorInvoker)
    {
        this.useConductorInvoker = useConductorInvoker;
        return this;
    }

    /** {@return whether the application invokes the client's conductor} */
    public boolean useConductorInvoker()
    {
        return useConductorInvoker;
    }

    /**
     * Sets the duty cycle of a driver that runs in invoker mode on the thread that uses this client (for example
     * {@code driver::invoke}; {@code MediaDriver.connect()} sets it): a thread waiting for the driver's answer runs it,
     * so that a driver and a client can share one thread. Then add and close only from the thread that invokes the
     * driver.
     *
     * @param driverInvoker runs one driver duty cycle and returns the work done; null (the default) if the driver has
     *                      threads of its own.
     * @return this context.
     */
    public ClientContext driverInvoker(final IntSupplier driverInvoker)
    {
        this.driverInvoker = driverInvoker;
        return this;
    }

    /** {@return the invoked driver's duty cycle, or null} */
    public IntSupplier driverInvoker()
    {
        return driverInvoker;
    }
}
