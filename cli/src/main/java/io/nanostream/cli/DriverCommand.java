package io.nanostream.cli;

import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import io.nanostream.driver.ThreadingMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code nano-stream driver}: runs a standalone media driver until SIGINT or SIGTERM. */
@Command(name = "driver", mixinStandardHelpOptions = true,
    description = "Runs a standalone media driver until Ctrl-C (SIGINT) or SIGTERM; clients connect by its directory.")
public final class DriverCommand implements Callable<Integer>
{
    @Option(names = "--dir",
        description = "Driver directory (default: nanostream.dir, or /dev/shm/nano-stream-<user>).")
    private Path directory;

    @Option(names = "--threading-mode",
        description = "DEDICATED (default: a thread each for conductor, sender and receiver) or SHARED (one thread).")
    private ThreadingMode threadingMode;

    @Option(names = "--idle", description = "Conductor idle strategy: spin, yield, sleep, backoff (default), noop.")
    private String idle;

    @Option(names = "--ipc-term-length", converter = SizeConverter.class,
        description = "Default IPC term length: a power of two from 64k to 1g, e.g. 64k, 16m (default 16m).")
    private Integer termLength;

    @Option(names = "--udp-term-length", converter = SizeConverter.class,
        description = "Default UDP term length: a power of two from 64k to 1g (default 16m).")
    private Integer udpTermLength;

    @Option(names = "--affinity",
        description = "Pin the agents' threads to CPUs, e.g. conductor=0,sender=1,receiver=2 " +
        "(needs native access, which ./nano-stream enables; stat shows the result).")
    private String affinity;

    @Option(names = "--log-dir",
        description = "Put the logs here, e.g. a hugetlbfs mount or a tmpfs mounted with huge=always, " +
        "for huge pages (default: nanostream.log.dir, or the driver directory; stat shows each log's huge pages).")
    private java.nio.file.Path logDirectory;

    @Option(names = "--numa-bind",
        description = "Bind each log's memory to a NUMA node: off, auto (the conductor's node, on machines " +
        "with several) or a node number (default: nanostream.numa.bind, or off; needs native access; stat shows each log's policy).")
    private String numaBind;

    @Option(names = "--udp-batch",
        description = "Send and receive up to this many datagrams per system call (sendmmsg/recvmmsg) on " +
        "IPv4 UDP channels, with the kernel's UDP segmentation and coalescing where it has them; 0 for JDK channels (default: " +
        "nanostream.udp.batch, or 0; needs native access, which ./nano-stream enables; stat shows the udp-batch feature).")
    private Integer udpBatch;

    @Option(names = "--udp-offload", negatable = true,
        description = "With --udp-batch: use UDP segmentation (UDP_SEGMENT) and " +
        "coalescing (UDP_GRO) where the kernel has them (default: nanostream.udp.offload, or on).")
    private Boolean udpOffload;

    @Option(names = "--client-liveness-ms",
        description = "Release a silent client's resources after this long (default 10000).")
    private Long livenessMillis;

    @Override
    public Integer call() throws Exception
    {
        final MediaDriver driver = MediaDriver.launch(context()); // checks every setting first, and says which are wrong
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            driver.close();
            System.out.println("media driver in " + driver.directory() + " stopped");
            System.out.flush();
            stopped.countDown();
        }, "nano-stream-driver-shutdown"));
        System.out.println("media driver running in " + driver.directory() + " (pid " + ProcessHandle.current().pid() +
            ", " + driver.context().threadingMode() + "); Ctrl-C to stop");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** The driver's settings from the options, not yet checked as a whole. */
    DriverContext context()
    {
        final DriverContext context = new DriverContext();
        if (directory != null)
        {
            context.directory(directory);
        }
        if (threadingMode != null)
        {
            if (threadingMode == ThreadingMode.INVOKER)
            {
                throw new IllegalArgumentException("a standalone driver needs threads: use --threading-mode DEDICATED or SHARED");
            }
            context.threadingMode(threadingMode);
        }
        if (idle != null)
        {
            context.idleStrategy(idle);
        }
        if (termLength != null)
        {
            context.ipcTermLength(termLength);
        }
        if (udpTermLength != null)
        {
            context.udpTermLength(udpTermLength);
        }
        if (affinity != null)
        {
            context.affinity(affinity);
        }
        if (logDirectory != null)
        {
            context.logStorage().directory(logDirectory);
        }
        if (numaBind != null)
        {
            context.logStorage().numaBind(numaBind);
        }
        if (udpBatch != null)
        {
            context.datagramBatching().datagramsPerCall(udpBatch);
        }
        if (udpOffload != null)
        {
            context.datagramBatching().offload(udpOffload);
        }
        if (livenessMillis != null)
        {
            context.clientLivenessTimeout(Duration.ofMillis(livenessMillis));
        }
        return context;
    }
}
