package io.nanostream.natives.memory;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** numa_maps lines as the kernel writes them, read into policies per mapped file. */
class MappingPolicyTest
{
    private static final String NUMA_MAPS = String.join("\n",
        "55d0c0a00000 default file=/usr/bin/java mapped=2 N0=2 kernelpagesize_kB=4",
        "55d0c1000000 default heap anon=40 dirty=40 N0=40 kernelpagesize_kB=4",
        "7f0000000000 bind:0 file=/dev/shm/nano-stream-root/publications/5.logbuffer dirty=12 mapped=12 N0=12 kernelpagesize_kB=4",
        "7f0003000000 prefer:1 file=/mnt/huge/with space/7.logbuffer huge dirty=4 N1=4 kernelpagesize_kB=2048",
        "7f0004000000 bind=static:0-1 file=/dev/shm/x/9.logbuffer",
        "7f0005000000 prefer (many):0-1 file=/dev/shm/x/11.logbuffer mapped=3 N0=1 N1=2 kernelpagesize_kB=4",
        "7ffd00000000 default stack anon=3 dirty=3 N0=3 kernelpagesize_kB=4",
        "");

    @Test
    void readsThePolicyPathAndPagesPerNodeOfEachFileMapping()
    {
        assertThat(MappingPolicy.parse(NUMA_MAPS, path -> path.endsWith(".logbuffer"))).containsExactly(
            new MappingPolicy(0x7f0000000000L, "bind:0", "/dev/shm/nano-stream-root/publications/5.logbuffer",
            Map.of(0, 12L)), new MappingPolicy(0x7f0003000000L, "prefer:1", "/mnt/huge/with space/7.logbuffer",
            Map.of(1, 4L)), new MappingPolicy(0x7f0004000000L, "bind=static:0-1", "/dev/shm/x/9.logbuffer", Map.of()),
            new MappingPolicy(0x7f0005000000L, "prefer (many):0-1", "/dev/shm/x/11.logbuffer", Map.of(0, 1L, 1, 2L)));
    }

    @Test
    void leavesOutAnonymousMappingsAndShowsPagesAsTheKernelDoes()
    {
        assertThat(MappingPolicy.parse(NUMA_MAPS, path -> true)).extracting(MappingPolicy::path).doesNotContain("heap",
            "stack")
            .startsWith("/usr/bin/java");
        assertThat(MappingPolicy.parse(NUMA_MAPS, path -> true)).extracting(MappingPolicy::pages)
            .containsExactly("N0=2", "N0=12", "N1=4", "-", "N0=1 N1=2");
    }
}
