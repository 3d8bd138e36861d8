package io.nanostream.natives.affinity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CpuTopologyTest
{
    @TempDir
    Path root;

    /**
     * Two sockets, each a NUMA node with two CCXs of two cores with two hyperthreads (CPU n and n + 8 share a core).
     */
    @Test
    void readsASimulatedTwoNodeFourCcxMachine() throws IOException
    {
        write("cpu/online", "0-15\n");
        for (int cpu = 0; cpu < 16; cpu++)
        {
            final int core = cpu % 8;
            final int socket = core / 4;
            final int ccx = core / 2;
            write("cpu/cpu" + cpu + "/topology/core_id", Integer.toString(core % 4));
            write("cpu/cpu" + cpu + "/topology/physical_package_id", Integer.toString(socket));
            write("cpu/cpu" + cpu + "/cache/index0/level", "1");
            write("cpu/cpu" + cpu + "/cache/index0/shared_cpu_list", cpu + "," + (cpu ^ 8));
            write("cpu/cpu" + cpu + "/cache/index3/level", "3");
            write("cpu/cpu" + cpu + "/cache/index3/shared_cpu_list", (2 * ccx) + "-" + (2 * ccx + 1) + "," +
                (2 * ccx + 8) + "-" + (2 * ccx + 9));
        }
        write("node/node0/cpulist", "0-3,8-11\n");
        write("node/node1/cpulist", "4-7,12-15\n");
        write("node/possible", "0-1\n");

        final CpuTopology topology = CpuTopology.read(root);

        assertThat(topology.online()).hasToString("0-15");
        assertThat(topology.nodes()).containsOnlyKeys(0, 1);
        assertThat(topology.nodes().get(1)).hasToString("4-7,12-15");
        assertThat(topology.l3Groups()).extracting(CpuSet::toString).containsExactly("0-1,8-9", "2-3,10-11",
            "4-5,12-13", "6-7,14-15");
        assertThat(topology.cores()).hasSize(8).first().hasToString("0,8");
        assertThat(topology.cpu(13)).isEqualTo(new CpuInfo(13, 1, 1, CpuSet.parse("4-5,12-13"), 1));
        assertThat(topology).hasToString("16 CPUs (0-15), 8 cores, 4 L3 groups, 2 packages, 2 NUMA nodes");
    }

    @Test
    void aKernelWithoutNumaOrCacheInfoHasOneNodeAndOneGroupPerCpu() throws IOException
    {
        write("cpu/online", "0,2\n");
        write("cpu/cpu0/topology/core_id", "0");
        write("cpu/cpu2/topology/core_id", "1");

        final CpuTopology topology = CpuTopology.read(root);

        assertThat(topology.online()).hasToString("0,2");
        assertThat(topology.cpu(1)).isNull();
        assertThat(topology.nodes()).containsExactly(java.util.Map.entry(0, CpuSet.of(0, 2)));
        assertThat(topology.l3Groups()).containsExactly(CpuSet.of(0), CpuSet.of(2));
        assertThat(topology.cpu(2).node()).isZero();
    }

    @Test
    void readsThisMachinesSys() throws IOException
    {
        final CpuTopology topology = CpuTopology.read();
        final CpuSet online = CpuSet.parse(Files.readString(Path.of("/sys/devices/system/cpu/online")));

        assertThat(topology.online()).isEqualTo(online);
        assertThat(topology.cpus()).hasSize(online.size());
        assertThat(topology.nodes().values().stream().reduce(CpuSet.EMPTY, CpuSet::union)).isEqualTo(online);
        assertThat(topology.l3Groups().stream().reduce(CpuSet.EMPTY, CpuSet::union).containsAll(online)).isTrue();
        assertThat(topology.cores()).hasSizeBetween(1, online.size());
        assertThat(topology.toString()).startsWith(online.size() + " CPUs (" + online + ")");
    }

    private void write(final String path, final String text) throws IOException
    {
        final Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
