package io.nanostream.driver;

import io.nanostream.buffer.BroadcastDescriptor;
import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.buffer.MessageRingDescriptor;
import io.nanostream.client.Setting;
import io.nanostream.client.protocol.ControlFile;
import io.nanostream.concurrent.IdleStrategies;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.LogLayout;
import io.nanostream.natives.memory.HugePageAdvice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a whole driver configuration in one step, before anything is created: each value on its own,
 * then how values fit together. Every problem is reported, each naming the value, its property and the
 * fix, in one exception.
 */
final class DriverContextCheck
{
    private static final int MAX_MTU = 65_504;
    private static final int MIN_MTU = 64;

    private final List<String> problems = new ArrayList<>();

    private DriverContextCheck()
    {
    }

    static void check(final DriverContext context)
    {
        final DriverContextCheck check = new DriverContextCheck();
        check.all(context);
        if (!check.problems.isEmpty())
        {
            throw new IllegalArgumentException("the driver configuration has " + check.problems.size() + " problem" +
                (check.problems.size() == 1 ? "" : "s") + ":\n  - " + String.join("\n  - ", check.problems));
        }
    }

    private void all(final DriverContext context)
    {
        require(context.directory() != null, "the driver directory is not set; set " + DriverProperties.DIRECTORY +
            " or directory(...)");
        require(context.threadingMode() != null, "the threading mode is not set; use DEDICATED, SHARED or INVOKER");
        idleStrategy(DriverProperties.CONDUCTOR_IDLE_STRATEGY, context.idleStrategies().conductor());
        idleStrategy(DriverProperties.SENDER_IDLE_STRATEGY, context.idleStrategies().sender());
        idleStrategy(DriverProperties.RECEIVER_IDLE_STRATEGY, context.idleStrategies().receiver());
        idleStrategy(DriverProperties.SHARED_IDLE_STRATEGY, context.idleStrategies().shared());
        final ControlFileSizes sizes = context.controlFileSizes();
        powerOfTwoLength(DriverProperties.COMMAND_RING_LENGTH, sizes.commandRingLength());
        powerOfTwoLength(DriverProperties.BROADCAST_LENGTH, sizes.broadcastLength());
        require(sizes.errorLogLength() >= ControlFileSizes.MIN_LENGTH &&
            sizes.errorLogLength() <= ControlFileSizes.MAX_LENGTH, DriverProperties.ERROR_LOG_LENGTH + "=" +
            sizes.errorLogLength() + " is not from 64k to 1g; default 1m");
        require(sizes.counterCount() >= ControlFileSizes.MIN_COUNTERS &&
            sizes.counterCount() <= ControlFileSizes.MAX_COUNTERS, DriverProperties.COUNTER_COUNT + "=" +
            sizes.counterCount() + " is not from 256 to 1048576; default 2048, more for " +
            "a driver with many streams");
        final long controlFile = ControlFile.length(sizes.commandRingLength() + MessageRingDescriptor.TRAILER_LENGTH,
            sizes.broadcastLength() + BroadcastDescriptor.TRAILER_LENGTH, 0, 0, sizes.errorLogLength()) +
            (long)sizes.counterCount() * (CountersDescriptor.METADATA_LENGTH + CountersDescriptor.VALUE_LENGTH);
        require(controlFile <= Integer.MAX_VALUE, "the control file would be " + controlFile +
            " bytes, over 2 GiB: lower " + DriverProperties.COMMAND_RING_LENGTH + ", " +
            DriverProperties.BROADCAST_LENGTH + ", " + DriverProperties.COUNTER_COUNT + " or " +
            DriverProperties.ERROR_LOG_LENGTH);
        termLength(DriverProperties.IPC_TERM_LENGTH, context.ipcTermLength());
        termLength(DriverProperties.UDP_TERM_LENGTH, context.udpTermLength());
        final int mtu = context.mtu();
        require(mtu >= MIN_MTU && mtu <= MAX_MTU && mtu % FrameHeader.ALIGNMENT == 0,
            DriverProperties.MTU_LENGTH + "=" + mtu +
            " is not a multiple of 32 from 64 to 65504; 1408 suits most networks");
        require(context.ipcPublicationWindow() >= 0,
            DriverProperties.IPC_PUBLICATION_WINDOW + "=" + context.ipcPublicationWindow() +
            " is negative; use 0 for half a term, or bytes");
        require(context.receiverWindow() >= mtu, DriverProperties.RECEIVER_WINDOW + "=" + context.receiverWindow() +
            " is less than the MTU (" + mtu +
            "): a sender could never send a full frame; use at least the MTU, e.g. 128k");
        positive(DriverProperties.CLIENT_LIVENESS_TIMEOUT, context.clientLivenessTimeout());
        positive(DriverProperties.PUBLICATION_UNBLOCK_TIMEOUT, context.publicationUnblockTimeout());
        positive(DriverProperties.DRIVER_TIMEOUT, context.driverTimeout());
        positive(DriverProperties.IMAGE_LIVENESS_TIMEOUT, context.imageLivenessTimeout());
        positive(DriverProperties.RE_RESOLUTION_INTERVAL, context.reResolutionInterval());
        positive(DriverProperties.DUTY_CYCLE_THRESHOLD, context.dutyCycleThreshold());
        require(context.publicationLinger() != null && !context.publicationLinger().isNegative(),
            DriverProperties.PUBLICATION_LINGER + "=" + context.publicationLinger() +
            " is negative; use 0 or more milliseconds");
        if (context.publicationUnblockTimeout() != null && context.clientLivenessTimeout() != null)
        {
            require(context.publicationUnblockTimeout().compareTo(context.clientLivenessTimeout()) > 0,
                DriverProperties.PUBLICATION_UNBLOCK_TIMEOUT + " (" + context.publicationUnblockTimeout().toMillis() +
                " ms) is not more than " + DriverProperties.CLIENT_LIVENESS_TIMEOUT + " (" +
                context.clientLivenessTimeout().toMillis() + " ms): the driver could pad " +
                "over a live publisher's frame; make the unblock timeout the longer of the two");
        }
        require(context.maxRegistrationsPerClient() > 0, DriverProperties.CLIENT_MAX_REGISTRATIONS + "=" +
            context.maxRegistrationsPerClient() + " leaves clients nothing; use at least 1 (default 256)");
        final NetworkLimits limits = context.networkLimits();
        termLength(DriverProperties.MAX_NETWORK_TERM_LENGTH, limits.maxTermLength());
        atLeastOne(DriverProperties.MAX_IMAGES_PER_ENDPOINT, limits.maxImagesPerEndpoint());
        atLeastOne(DriverProperties.MAX_IMAGES, limits.maxImages());
        atLeastOne(DriverProperties.IMAGE_CREATIONS_PER_SECOND, limits.imageCreationsPerSecond());
        atLeastOne(DriverProperties.MAX_IMAGES_PER_SOURCE, limits.maxImagesPerSource());
        final long oneLog = 3L * limits.maxTermLength() + LogLayout.METADATA_LENGTH;
        require(limits.maxImageLogBytes() >= oneLog, DriverProperties.MAX_IMAGE_LOG_BYTES + "=" +
            limits.maxImageLogBytes() + " cannot hold one image's log at the largest term length (" + oneLog +
            " bytes, three terms of " + DriverProperties.MAX_NETWORK_TERM_LENGTH +
            " and metadata); raise it or lower the term length cap");
        require(limits.imageIdleTimeout() != null && limits.imageIdleTimeout().isPositive(),
            DriverProperties.IMAGE_IDLE_TIMEOUT + "=" + limits.imageIdleTimeout() +
            " must be a positive time, e.g. 30000 (ms)");
        require(context.authReplayWindow() != null && context.authReplayWindow().isPositive(),
            DriverProperties.AUTH_REPLAY_WINDOW + "=" + context.authReplayWindow() +
            " must be a positive time, e.g. 10000 (ms)");
        affinity(context);
        logStorage(context);
        numa(context.logStorage().numaBind());
        final int batch = context.datagramBatching().datagramsPerCall();
        require(batch >= 0 && batch <= DatagramBatching.MAX_DATAGRAMS_PER_CALL, DriverProperties.UDP_BATCH + "=" +
            batch + " is out of range; use 0 (off) or 1 to " + DatagramBatching.MAX_DATAGRAMS_PER_CALL +
            " datagrams per call, e.g. 16");
        require(context.lossInjection().send() != null && context.lossInjection().receive() != null,
            "loss injection is null; leave it unset for no loss");
    }

    private void affinity(final DriverContext context)
    {
        if (context.affinity() == null || context.affinity().isBlank())
        {
            return;
        }
        final PlacementSpec spec;
        try
        {
            spec = PlacementSpec.parse(context.affinity());
        }
        catch (final IllegalArgumentException ex)
        {
            problems.add(DriverProperties.AFFINITY + "=" + context.affinity() + ": " + ex.getMessage());
            return;
        }
        require(context.threadingMode() != ThreadingMode.INVOKER, DriverProperties.AFFINITY +
            " pins the driver's threads, but in " +
            "INVOKER mode the application's thread runs the driver; pin that thread yourself, or use DEDICATED or SHARED");
        final io.nanostream.natives.affinity.CpuSet usable = PlacementSpec.usableCpus();
        if (usable != null)
        {
            problems.addAll(spec.problems(usable));
        }
    }

    private void logStorage(final DriverContext context)
    {
        final java.nio.file.Path directory = context.logStorage().directory();
        if (directory == null)
        {
            return;
        }
        if (!java.nio.file.Files.isDirectory(directory))
        {
            problems.add(DriverProperties.LOG_DIR + "=" + directory +
                " is not a directory; create or mount it first (e.g. mount -t tmpfs " + "-o size=1g,huge=always none " +
                directory + "), or unset it to keep logs in the driver directory");
            return;
        }
        final LogFileSystem fileSystem = LogFileSystem.of(directory);
        if (!fileSystem.hugeByMount() && !(fileSystem.hugeOnAdvice() && HugePageAdvice.unavailableReason() == null))
        {
            return; // no huge pages here: any term fits
        }
        final int hugePage = fileSystem.hugePageSize();
        for (final Setting<Integer> property : List.of(DriverProperties.IPC_TERM_LENGTH,
            DriverProperties.UDP_TERM_LENGTH))
        {
            final int termLength = property == DriverProperties.IPC_TERM_LENGTH ?
                context.ipcTermLength() : context.udpTermLength();
            require(termLength >= hugePage, property + "=" + termLength + " does not fill whole huge pages: " +
                DriverProperties.LOG_DIR + "=" + directory + " is " + fileSystem.describe() + " with " +
                (hugePage >> 20) + "m pages, and a log there is three terms " +
                "and a metadata page, each a whole number of huge pages; use a term length of at least " +
                (hugePage >> 20) + "m " + "(e.g. 16m), or another " + DriverProperties.LOG_DIR);
        }
    }

    private void numa(final String setting)
    {
        try
        {
            if (NumaPlan.parse(setting) >= 0)
            {
                final String problem = NumaPlan.problem(setting, io.nanostream.natives.affinity.CpuTopology.read());
                require(problem == null, problem);
            }
        }
        catch (final IllegalArgumentException ex)
        {
            problems.add(ex.getMessage());
        }
        catch (final java.io.IOException ex)
        {
            problems.add(DriverProperties.NUMA_BIND + "=" + setting + " cannot be checked: " + ex.getMessage() +
                "; set it to off or auto");
        }
    }

    private void termLength(final Setting<?> property, final int termLength)
    {
        require(termLength >= LogLayout.TERM_MIN_LENGTH && termLength <= LogLayout.TERM_MAX_LENGTH &&
            Integer.bitCount(termLength) == 1, property + "=" + termLength +
            " is not a power of two from 64k to 1g; e.g. 16m");
    }

    private void atLeastOne(final Setting<?> property, final int value)
    {
        require(value >= 1, property + "=" + value + " is less than 1; it is a count, e.g. 64");
    }

    private void idleStrategy(final Setting<?> property, final String name)
    {
        try
        {
            IdleStrategies.byName(name);
        }
        catch (final IllegalArgumentException | NullPointerException ex)
        {
            problems.add(property + ": " + ex.getMessage());
        }
    }

    private void powerOfTwoLength(final Setting<?> property, final int length)
    {
        require(length >= ControlFileSizes.MIN_LENGTH && length <= ControlFileSizes.MAX_LENGTH &&
            Integer.bitCount(length) == 1, property + "=" + length +
            " is not a power of two from 64k to 1g; default 1m");
    }

    private void positive(final Setting<?> property, final Duration duration)
    {
        require(duration != null && duration.isPositive(), property + "=" +
            (duration == null ? "null" : duration.toMillis()) + " is not a positive number of milliseconds");
    }

    private void require(final boolean condition, final String problem)
    {
        if (!condition)
        {
            problems.add(problem);
        }
    }
}
