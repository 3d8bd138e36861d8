package io.nanostream.driver;

import io.nanostream.natives.affinity.CpuSet;
import io.nanostream.natives.affinity.CpuTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which node a log gets ({@code nanostream.numa.bind}), decided on a simulated two-node /sys tree and on this
 * one-node machine; settings checked by conclude(); and without native access the feature is
 * off, silently, with its reason.
 */
class NumaPlanTest
{
    private static final String NATIVE_OFF = "native access is not enabled for the class path; add --enable-native-access=ALL-UNNAMED";

    @Test
    void autoTakesTheNodeOfTheConductorsCpusOnATwoNodeMachine(@TempDir final Path sys) throws IOException
    {
        final CpuTopology twoNodes = twoNodes(sys);
        assertThat(twoNodes.nodes()).containsOnlyKeys(0, 1);

        final NumaPlan second = NumaPlan.decide("auto", twoNodes, CpuSet.of(2, 3), "the conductor's CPUs 2-3", null);
        assertThat(second.node()).isEqualTo(1);
        assertThat(second.status().label()).isEqualTo("numa: on: logs bound to node 1, the node of the conductor's CPUs 2-3 (auto)");
        assertThat(NumaPlan.decide("auto", twoNodes, CpuSet.of(0), "x", null).node()).isZero();

        final NumaPlan spanning = NumaPlan.decide("auto", twoNodes, CpuSet.of(1, 2),
            "the CPUs this process may use, 1-2", null);
        assertThat(spanning.node()).isEqualTo(NumaPlan.NO_NODE);
        assertThat(spanning.status().label()).isEqualTo("numa: off: auto: the CPUs this process may use, 1-2 span nodes [0, 1]; pin the " +
            "conductor to one node with nanostream.affinity=conductor=<cpus>, or set nanostream.numa.bind to a node");

        final NumaPlan explicit = NumaPlan.decide("1", twoNodes, CpuSet.of(0), "x", null);
        assertThat(explicit.node()).isEqualTo(1);
        assertThat(explicit.status().label()).isEqualTo("numa: on: logs bound to node 1 (nanostream.numa.bind=1)");

        final NumaPlan noAccess = NumaPlan.decide("auto", twoNodes, CpuSet.of(2), "x", NATIVE_OFF);
        assertThat(noAccess.node()).isEqualTo(NumaPlan.NO_NODE);
        assertThat(noAccess.status().label()).isEqualTo("numa: off: " + NATIVE_OFF);

        assertThat(NumaPlan.problem("1", twoNodes)).isNull();
        assertThat(NumaPlan.problem("2",
            twoNodes)).isEqualTo("nanostream.numa.bind=2 names a node this machine does not have; its nodes " +
            "are [0, 1] (/sys/devices/system/node); use one of them, auto, or off");
    }

    @Test
    void autoBindsNothingOnOneNodeAndOffIsTheDefault(@TempDir final Path sys) throws IOException
    {
        write(sys, "cpu/online", "0-1");
        final CpuTopology oneNode = CpuTopology.read(sys);
        final NumaPlan auto = NumaPlan.decide("auto", oneNode, CpuSet.of(0, 1), "x", null);
        assertThat(auto.node()).isEqualTo(NumaPlan.NO_NODE);
        assertThat(auto.status().label()).isEqualTo("numa: off: one NUMA node only (node 0); auto binds nothing");
        assertThat(NumaPlan.decide("0", oneNode, CpuSet.of(0), "x",
            null).node()).isZero(); // asked for: bound even on one node
        assertThat(NumaPlan.decide("off", null, null, null, null).status().label())
            .isEqualTo("numa: off: not requested (nanostream.numa.bind=off; set it to auto or a node)");
        assertThat(new DriverContext().logStorage().numaBind()).isEqualTo("off");
    }

    @Test
    void conclusionNamesNodesThisMachineDoesNotHaveAndSettingsThatDoNotParse() throws IOException
    {
        final int missing = CpuTopology.read().nodes().keySet().stream().mapToInt(Integer::intValue).max().orElse(0) +
            1;
        final DriverContext context = new DriverContext();
        context.logStorage().numaBind(Integer.toString(missing));
        assertThatThrownBy(context::conclude).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("nanostream.numa.bind=" + missing +
            " names a node this machine does not have; its nodes are [0");
        context.logStorage().numaBind("near");
        assertThatThrownBy(context::conclude)
            .hasMessageContaining("nanostream.numa.bind=near is not off, auto or a node number; e.g. nanostream.numa.bind=auto");
        context.logStorage().numaBind("0");
        context.conclude();
    }

    @Test
    void withoutNativeAccessTheDriverStartsSilentlyAndSaysWhyNumaIsOff() throws Exception
    {
        final DriverAffinityTest.Run bound = DriverAffinityTest.run("-D" + DriverProperties.NUMA_BIND.name() + "=0");
        assertThat(bound.stderr()).isEmpty();
        assertThat(bound.exitCode()).isZero();
        assertThat(bound.stdout()).filteredOn(line -> line.contains(" numa: ")).containsExactly("feature 0 numa: off: " + NATIVE_OFF);

        final DriverAffinityTest.Run auto = DriverAffinityTest.run("-D" + DriverProperties.NUMA_BIND.name() + "=auto");
        assertThat(auto.stderr()).isEmpty();
        assertThat(auto.stdout()).filteredOn(line -> line.contains(" numa: ")).singleElement().asString()
            .startsWith("feature 0 numa: off: ");
    }

    /** CPUs 0-1 on node 0 and 2-3 on node 1, laid out as /sys/devices/system. */
    private static CpuTopology twoNodes(final Path sys) throws IOException
    {
        write(sys, "cpu/online", "0-3");
        write(sys, "node/node0/cpulist", "0-1");
        write(sys, "node/node1/cpulist", "2-3");
        for (int cpu = 0; cpu < 4; cpu++)
        {
            write(sys, "cpu/cpu" + cpu + "/topology/core_id", Integer.toString(cpu));
            write(sys, "cpu/cpu" + cpu + "/topology/physical_package_id", Integer.toString(cpu / 2));
        }
        return CpuTopology.read(sys);
    }

    private static void write(final Path root, final String path, final String text) throws IOException
    {
        final Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text + "\n");
    }
}
