package io.nanostream.driver;

import io.nanostream.driver.status.FeatureStatus;
import io.nanostream.natives.affinity.CpuSet;
import io.nanostream.natives.affinity.CpuTopology;
import io.nanostream.natives.memory.NumaBinding;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides at launch which NUMA node the logs the driver creates are bound to ({@code nanostream.numa.bind}),
 * and reports the {@code numa} feature. The thread expected to write a driver-created log is taken to be the
 * conductor's: it creates, writes through and pre-touches every log, and the publishers and the receiver that write
 * later are best pinned to the same node (one node for all logs keeps it simple). {@code auto} therefore takes the
 * node of the conductor's CPUs: those {@code nanostream.affinity} gives the conductor (the shared thread in
 * SHARED mode), else those the process may use (e.g. under {@code numactl --cpunodebind} or {@code taskset}); it
 * binds nothing on a machine with one node, or if those CPUs span several nodes. An explicit node is bound on any
 * machine that has it. The report says what the driver asks for; {@code stat} reads back per log what the kernel
 * shows. Immutable.
 */
final class NumaPlan
{
    /** The feature's name in {@code stat}. */
    static final String FEATURE = "numa";
    /** The setting's default: bind nothing. */
    static final String OFF = "off";
    /** The setting that picks the conductor's node. */
    static final String AUTO = "auto";
    /** {@link #node()} when nothing is bound. */
    static final int NO_NODE = -1;
    private static final int OFF_VALUE = -2;
    private static final int AUTO_VALUE = -1;

    private final int node;
    private final FeatureStatus status;

    private NumaPlan(final int node, final FeatureStatus status)
    {
        this.node = node;
        this.status = status;
    }

    /**
     * Plans the binding of a checked configuration on this machine.
     *
     * @param context the driver's settings, concluded.
     * @return the plan.
     */
    static NumaPlan of(final DriverContext context)
    {
        final String setting = context.logStorage().numaBind();
        if (parse(setting) == OFF_VALUE)
        {
            return decide(setting, null, null, null, null); // no need to read the topology
        }
        final CpuTopology topology;
        try
        {
            topology = CpuTopology.read();
        }
        catch (final IOException | RuntimeException ex)
        {
            return new NumaPlan(NO_NODE, FeatureStatus.off(FEATURE, "cannot read the topology from " +
                CpuTopology.SYSTEM_ROOT + ": " + ex.getMessage()));
        }
        final CpuSet pinned = context.threadingMode() == ThreadingMode.INVOKER ?
            null : PlacementSpec.parse(context.affinity()).cpus("conductor");
        final CpuSet conductor = pinned != null ? pinned : PlacementSpec.usableCpus();
        final String source = pinned != null ? "the conductor's CPUs " + pinned + " (" + DriverProperties.AFFINITY +
            ")" : "the CPUs this process may use, " + conductor;
        return decide(setting, topology, conductor, source, NumaBinding.unavailableReason());
    }

    /**
     * Reads the setting.
     *
     * @param setting {@code off}, {@code auto} or a node number.
     * @return the node, or a negative value for off and auto.
     * @throws IllegalArgumentException naming the setting and the forms it takes.
     */
    static int parse(final String setting)
    {
        final String value = setting == null ? OFF : setting.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals(OFF))
        {
            return OFF_VALUE;
        }
        if (value.equals(AUTO))
        {
            return AUTO_VALUE;
        }
        try
        {
            final int node = Integer.parseInt(value);
            if (node >= 0)
            {
                return node;
            }
        }
        catch (final NumberFormatException ex)
        {
            // said below
        }
        throw new IllegalArgumentException(DriverProperties.NUMA_BIND + "=" + setting +
            " is not off, auto or a node number; e.g. " + DriverProperties.NUMA_BIND + "=auto");
    }

    /**
     * The problem with a setting on a machine, or null: a node the machine does not have.
     *
     * @param setting  the setting.
     * @param topology the machine's CPUs and nodes.
     * @return the problem, naming the setting, the nodes there are and the fix; or null.
     */
    static String problem(final String setting, final CpuTopology topology)
    {
        final int node = parse(setting);
        if (node < 0 || topology.nodes().containsKey(node))
        {
            return null;
        }
        return DriverProperties.NUMA_BIND + "=" + node + " names a node this machine does not have; its nodes are " +
            new java.util.TreeSet<>(topology.nodes().keySet()) +
            " (/sys/devices/system/node); use one of them, auto, or off";
    }

    /**
     * Decides, from a setting and what the machine offers.
     *
     * @param setting   {@code off}, {@code auto} or a node number.
     * @param topology  the machine's CPUs and nodes; only read unless the setting is off.
     * @param conductor the CPUs the conductor may run on.
     * @param source    where those CPUs come from, for people.
     * @param nativeOff why {@code mbind} cannot be called, or null.
     * @return the plan.
     */
    static NumaPlan decide(final String setting, final CpuTopology topology, final CpuSet conductor,
        final String source, final String nativeOff)
    {
        final int requested = parse(setting);
        if (requested == OFF_VALUE)
        {
            return new NumaPlan(NO_NODE, FeatureStatus.off(FEATURE, "not requested (" + DriverProperties.NUMA_BIND +
                "=off; set it to " + "auto or a node)"));
        }
        final Map<Integer, CpuSet> nodes = topology.nodes();
        if (requested == AUTO_VALUE && nodes.size() == 1)
        {
            return new NumaPlan(NO_NODE, FeatureStatus.off(FEATURE, "one NUMA node only (node " +
                nodes.keySet().iterator().next() + "); auto binds nothing"));
        }
        if (nativeOff != null)
        {
            return new NumaPlan(NO_NODE, FeatureStatus.off(FEATURE, nativeOff));
        }
        if (requested >= 0)
        {
            return new NumaPlan(requested, FeatureStatus.on(FEATURE, "logs bound to node " + requested + " (" +
                DriverProperties.NUMA_BIND + "=" + requested + ")"));
        }
        final List<Integer> spanned = nodes.entrySet().stream()
            .filter(entry -> conductor.stream().anyMatch(entry.getValue()::contains)).map(Map.Entry::getKey).sorted().toList();
        if (spanned.size() != 1)
        {
            return new NumaPlan(NO_NODE, FeatureStatus.off(FEATURE, "auto: " + source + " span nodes " + spanned +
                "; pin the conductor " + "to one node with " + DriverProperties.AFFINITY +
                "=conductor=<cpus>, or set " + DriverProperties.NUMA_BIND + " to a node"));
        }
        return new NumaPlan(spanned.getFirst(), FeatureStatus.on(FEATURE, "logs bound to node " + spanned.getFirst() +
            ", the node of " + source + " (auto)"));
    }

    /** {@return the node logs are bound to, or {@link #NO_NODE}} */
    int node()
    {
        return node;
    }

    /** {@return the feature's status} */
    FeatureStatus status()
    {
        return status;
    }
}
