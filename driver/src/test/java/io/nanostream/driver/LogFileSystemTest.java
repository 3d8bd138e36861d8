package io.nanostream.driver;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding a log directory's file system, and its huge page size, in a sample /proc/self/mounts. */
class LogFileSystemTest
{
    private static final int TWO_MB = 2 * 1024 * 1024;
    private static final String MOUNTS = String.join("\n",
        "/dev/nvme0n1p2 / ext4 rw,relatime 0 0",
        "tmpfs /dev/shm tmpfs rw,nosuid,nodev 0 0",
        "none /mnt/huge hugetlbfs rw,relatime,pagesize=2M 0 0",
        "none /mnt/huge1g hugetlbfs rw,relatime,pagesize=1024M 0 0",
        "none /mnt/hugedefault hugetlbfs rw,relatime 0 0",
        "none /dev/shm/thp tmpfs rw,relatime,size=1048576k,huge=always 0 0",
        "none /mnt/within tmpfs rw,huge=within_size 0 0",
        "none /mnt/advised tmpfs rw,huge=advise 0 0",
        "none /mnt/with\\040space tmpfs rw,huge=always 0 0",
        "none /mnt/stacked tmpfs rw 0 0",
        "none /mnt/stacked hugetlbfs rw,pagesize=2M 0 0",
        "");

    private static LogFileSystem of(final String directory)
    {
        return LogFileSystem.parse(Path.of(directory), MOUNTS, 4 * TWO_MB, TWO_MB);
    }

    @Test
    void hugetlbfsPageSizeComesFromTheMountOrTheDefault()
    {
        assertThat(of("/mnt/huge/nano-stream-root-1")).isEqualTo(new LogFileSystem(Path.of("/mnt/huge"), "hugetlbfs",
            "", TWO_MB));
        assertThat(of("/mnt/huge1g").hugePageSize()).isEqualTo(1024 * 1024 * 1024);
        assertThat(of("/mnt/hugedefault").hugePageSize()).isEqualTo(4 * TWO_MB);
        assertThat(of("/mnt/huge").isHugetlbfs()).isTrue();
        assertThat(of("/mnt/huge").hugeByMount()).isTrue();
        assertThat(of("/mnt/huge").describe()).isEqualTo("hugetlbfs");
    }

    @Test
    void theLongestMountPointWinsAndTheLastOfAStack()
    {
        assertThat(of("/dev/shm/thp/logs").mountPoint()).isEqualTo(Path.of("/dev/shm/thp"));
        assertThat(of("/dev/shm/thp/logs").hugeByMount()).isTrue();
        assertThat(of("/dev/shm/thpx").mountPoint()).isEqualTo(Path.of("/dev/shm")); // a prefix of names, not of characters
        assertThat(of("/mnt/stacked").type()).isEqualTo("hugetlbfs");
        assertThat(of("/mnt/with space/x").hugeByMount()).isTrue();
    }

    @Test
    void tmpfsGivesHugePagesOnlyWithAHugeOption()
    {
        assertThat(of("/dev/shm/nano-stream-root")).isEqualTo(new LogFileSystem(Path.of("/dev/shm"), "tmpfs", "never",
            0));
        assertThat(of("/dev/shm").hugeByMount()).isFalse();
        assertThat(of("/dev/shm").describe()).isEqualTo("tmpfs huge=never");
        assertThat(of("/mnt/within")).isEqualTo(new LogFileSystem(Path.of("/mnt/within"), "tmpfs", "within_size",
            TWO_MB));
        assertThat(of("/mnt/within").hugeByMount()).isTrue();
        assertThat(of("/mnt/advised").hugeByMount()).isFalse();
        assertThat(of("/mnt/advised").hugeOnAdvice()).isTrue();
        assertThat(of("/mnt/advised").hugePageSize()).isEqualTo(TWO_MB);
    }

    @Test
    void otherFileSystemsGiveNone()
    {
        assertThat(of("/home/me/logs")).isEqualTo(new LogFileSystem(Path.of("/"), "ext4", "", 0));
        assertThat(of("/home/me/logs").hugeByMount() || of("/home/me/logs").hugeOnAdvice()).isFalse();
        assertThat(LogFileSystem.parse(Path.of("/x"), "", TWO_MB, TWO_MB).type()).isEqualTo("unknown");
    }
}
