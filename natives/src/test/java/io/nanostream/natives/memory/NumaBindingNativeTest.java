package io.nanostream.natives.memory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With native access (the native-access execution): mbind on node 0, read back from the kernel's /proc/self/numa_maps.
 */
class NumaBindingNativeTest
{
    private static final long LENGTH = 1 << 20;

    @BeforeEach
    void requireNativeAccess()
    {
        assumeTrue(Boolean.getBoolean("nanostream.test.native"), "runs in the native-access execution");
        assertThat(NumaBinding.unavailableReason()).isNull();
    }

    @Test
    void bindsAMappedFileToNodeZeroAndTheKernelShowsIt(@TempDir final Path dir) throws Exception
    {
        assertThat(policyAfter(dir.resolve("bound.dat"), segment -> NumaBinding.bind(segment, 0))).isEqualTo("bind:0");
    }

    @Test
    void prefersNodeZeroAndTheKernelShowsIt(@TempDir final Path dir) throws Exception
    {
        assertThat(policyAfter(dir.resolve("preferred.dat"), segment -> NumaBinding.prefer(segment,
            0))).isEqualTo("prefer:0");
    }

    @Test
    void aNodeThatDoesNotExistIsRefusedWithTheErrno(@TempDir final Path dir) throws Exception
    {
        assertThatThrownBy(() -> policyAfter(dir.resolve("nowhere.dat"), segment -> NumaBinding.bind(segment, 1000)))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("MPOL_BIND, node 1000) failed with errno 22 (EINVAL");
    }

    private static String policyAfter(final Path file,
        final java.util.function.Consumer<MemorySegment> policy) throws Exception
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
             Arena arena = Arena.ofConfined())
        {
            final MemorySegment segment = channel.map(FileChannel.MapMode.READ_WRITE, 0, LENGTH, arena);
            policy.accept(segment);
            for (long offset = 0; offset < LENGTH; offset += 4096)
            {
                segment.set(ValueLayout.JAVA_BYTE, offset, (byte)1); // allocated under the policy
            }
            final List<MappingPolicy> mappings = MappingPolicy.ofProcess(Path.of("/proc"),
                ProcessHandle.current().pid(), path -> path.equals(file.toString()));
            assertThat(mappings).hasSize(1);
            assertThat(mappings.getFirst().pagesPerNode()).containsOnlyKeys(0);
            return mappings.getFirst().policy();
        }
    }
}
