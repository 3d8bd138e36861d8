package io.nanostream.driver;

import io.nanostream.client.protocol.ControlFile;
import io.nanostream.driver.conductor.LogPlacement;
import io.nanostream.driver.status.FeatureStatus;
import io.nanostream.natives.memory.HugePageAdvice;

import java.nio.file.Path;

/**
 * Decides at launch where logs go and whether they get huge pages, and reports the {@code hugepages} feature:
 * on, with the log directory, its file system and page size; or off, with the reason and the setting that turns it
 * on. The report says what the driver asks for; {@code stat} reads back per log what the kernel gave. Immutable.
 */
final class HugePagePlan
{
    /** The feature's name in {@code stat}. */
    static final String FEATURE = "hugepages";

    private final LogPlacement placement;
    private final Path ownLogDirectory;
    private final FeatureStatus status;

    private HugePagePlan(final LogPlacement placement, final Path ownLogDirectory, final FeatureStatus status)
    {
        this.placement = placement;
        this.ownLogDirectory = ownLogDirectory;
        this.status = status;
    }

    /**
     * Plans the logs of a checked configuration.
     *
     * @param context         the driver's settings, concluded.
     * @param driverDirectory the driver directory, absolute.
     * @return the plan.
     */
    static HugePagePlan of(final DriverContext context, final Path driverDirectory)
    {
        final Path configured = context.logStorage().directory();
        final Path own = configured == null ? null : ownDirectory(configured, driverDirectory);
        final Path logs = own == null ? driverDirectory.resolve(ControlFile.PUBLICATIONS_DIRECTORY) : own;
        final LogFileSystem fileSystem = LogFileSystem.of(logs);
        final String adviceOff = HugePageAdvice.unavailableReason();
        final boolean huge = fileSystem.hugeByMount() || fileSystem.hugeOnAdvice() && adviceOff == null;
        final int hugePageSize = huge ? fileSystem.hugePageSize() : 0;
        final LogPlacement placement = new LogPlacement(own, hugePageSize, fileSystem.isHugetlbfs(), adviceOff == null,
            -1);
        final String where = "; logs in " + logs; // last: a long path is what the label's limit cuts
        final FeatureStatus status;
        if (huge)
        {
            final String advice = fileSystem.isHugetlbfs() ? "" : adviceOff == null ? ", madvise on" : ", madvise off";
            status = FeatureStatus.on(FEATURE, fileSystem.describe() + ": " + (hugePageSize >> 20) +
                "m pages for terms of " + (hugePageSize >> 20) + "m or more, pre-touched" + advice + where);
        }
        else if (fileSystem.hugeOnAdvice())
        {
            status = FeatureStatus.off(FEATURE, fileSystem.describe() + " needs madvise: " + adviceOff + where);
        }
        else
        {
            status = FeatureStatus.off(FEATURE, fileSystem.describe() + " has no huge pages; set " +
                DriverProperties.LOG_DIR + " to a hugetlbfs mount or a tmpfs mounted with huge=always" + where);
        }
        return new HugePagePlan(placement, own, status);
    }

    /** The driver's own subdirectory of a shared log directory, named after the driver directory. */
    static Path ownDirectory(final Path logDirectory, final Path driverDirectory)
    {
        final Path name = driverDirectory.getFileName();
        return logDirectory.toAbsolutePath().resolve((name == null ? "nano-stream" : name.toString()) + "-" +
            Integer.toHexString(driverDirectory.toAbsolutePath().normalize().toString().hashCode()));
    }

    /** {@return where the conductor puts logs} */
    LogPlacement placement()
    {
        return placement;
    }

    /**
     * {@return the driver's own subdirectory of the configured log directory, or null if
     * logs stay in the driver directory}
     */
    Path ownLogDirectory()
    {
        return ownLogDirectory;
    }

    /** {@return the feature's status} */
    FeatureStatus status()
    {
        return status;
    }
}
