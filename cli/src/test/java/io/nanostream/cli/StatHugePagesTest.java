package io.nanostream.cli;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.Publication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code stat} reads each log's huge pages back from the driver's /proc/pid/smaps. */
class StatHugePagesTest
{
    private static final String SMAPS = String.join("\n",
        "7f0000000000-7f0003000000 rw-s 00000000 00:2b 17    /mnt/huge/nano-stream-root-1/5.logbuffer",
        "Size:              49152 kB",
        "KernelPageSize:        4 kB",
        "Rss:               49152 kB",
        "ShmemPmdMapped:    47104 kB",
        "FilePmdMapped:         0 kB",
        "VmFlags: rd wr sh mr mw me ms sd hg",
        "7f0004000000-7f0004800000 rw-s 00000000 00:2c 18    /mnt/hugetlb/nano-stream-root-1/7.logbuffer",
        "Size:               8192 kB",
        "KernelPageSize:     2048 kB",
        "Rss:                   0 kB",
        "Shared_Hugetlb:     8192 kB",
        "Private_Hugetlb:       0 kB",
        "7f0005000000-7f0005001000 rw-s 00000000 00:19 20    /dev/shm/nano-stream-root/control.dat",
        "Size:                  4 kB",
        "Rss:                   4 kB",
        "");

    @Test
    void eachLogShowsItsSizeAndItsBytesInHugePages(@TempDir final Path proc) throws Exception
    {
        Files.createDirectories(proc.resolve("42"));
        Files.writeString(proc.resolve("42/smaps"), SMAPS);
        Files.writeString(proc.resolve("42/numa_maps"), String.join("\n",
            "7f0000000000 bind:0 file=/mnt/huge/nano-stream-root-1/5.logbuffer dirty=12288 N0=12288 kernelpagesize_kB=4",
            "7f0004000000 default file=/mnt/hugetlb/nano-stream-root-1/7.logbuffer huge dirty=4 N0=4 kernelpagesize_kB=2048",
            "7f0005000000 default file=/dev/shm/nano-stream-root/control.dat dirty=1 N0=1 kernelpagesize_kB=4", ""));
        final StringBuilder out = new StringBuilder();
        LogMappings.render(out, proc, 42);
        assertThat(out.toString().split("\n")).containsExactly(
            " log size  resident      huge      page huge%  numa       log file",
            "      48m       48m       46m        4k   95%  bind:0     /mnt/huge/nano-stream-root-1/5.logbuffer",
            "       8m        8m        8m        2m  100%  default    /mnt/hugetlb/nano-stream-root-1/7.logbuffer");
        final StringBuilder missing = new StringBuilder();
        LogMappings.render(missing, proc, 43);
        assertThat(missing.toString()).startsWith("logs: cannot read /proc/43/smaps");
    }

    @Test
    void statReadsTheKernelsAccountOfARealLogOnAHugeTmpfs() throws Exception
    {
        final Path mount = Path.of(System.getProperty("java.io.tmpdir"), "nano-stream-stat-" + UUID.randomUUID());
        Files.createDirectories(mount);
        final String command = "mount -t tmpfs -o size=64m,huge=always none " + mount;
        try
        {
            final Process process = new ProcessBuilder(command.split(" ")).redirectErrorStream(true).start();
            assumeTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0,
                "cannot mount; as root run: " + command);
            final Path base = new DriverContext().directory();
            final DriverContext context = new DriverContext().directory(base.resolveSibling(base.getFileName() + "-" +
                UUID.randomUUID()))
                .ipcTermLength(2 * 1024 * 1024);
            context.logStorage().directory(mount);
            try (MediaDriver driver = MediaDriver.launch(context); NanoStream client = driver.connect();
                 Subscription subscription = client.addSubscription("nano:ipc",
                     3); Publication publication = client.addPublication("nano:ipc", 3))
            {
                final AtomicBuffer message = AtomicBuffer.allocateHeap(128);
                for (int sent = 0; sent < 100; )
                {
                    sent += publication.offer(message, 0, 100) > 0 ? 1 : 0;
                }
                final String stat = CliOutput.run("stat", "--dir", driver.directory().toString(), "--once",
                    "--interval-ms", "10");
                assertThat(stat).containsPattern("feature +- +1 +hugepages: on: tmpfs huge=always: 2m pages for terms of 2m or more")
                    .containsPattern("\\n +8m +8m +8m +4k +100%  default +" + mount + "/[^/]+/\\d+\\.logbuffer");
                System.out.println(stat);
            }
        }
        finally
        {
            new ProcessBuilder("umount", mount.toString()).start().waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(mount);
        }
    }

}
