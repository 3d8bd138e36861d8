package io.nanostream.natives.affinity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The machine's CPUs as Linux shows them under {@code /sys/devices/system}: which are online, their cores,
 * packages and L3 groups ({@code cpu/}), and the NUMA nodes ({@code node/}). Read from a root directory so
 * that tests can pass a simulated tree. An immutable snapshot.
 */
public final class CpuTopology
{
    /** Where Linux shows the topology. */
    public static final Path SYSTEM_ROOT = Path.of("/sys/devices/system");

    private final CpuSet online;
    private final Map<Integer, CpuInfo> cpus;
    private final Map<Integer, CpuSet> nodes;

    private CpuTopology(final CpuSet online, final Map<Integer, CpuInfo> cpus, final Map<Integer, CpuSet> nodes)
    {
        this.online = online;
        this.cpus = cpus;
        this.nodes = nodes;
    }

    /**
     * Reads this machine's topology.
     *
     * @return the topology.
     * @throws IOException if {@code /sys/devices/system/cpu/online} cannot be read (not Linux, or no sysfs).
     */
    public static CpuTopology read() throws IOException
    {
        return read(SYSTEM_ROOT);
    }

    /**
     * Reads a topology from a tree laid out as {@code /sys/devices/system}.
     *
     * @param root the directory holding {@code cpu/} and, if the kernel has NUMA, {@code node/}.
     * @return the topology.
     * @throws IOException if {@code cpu/online} cannot be read.
     */
    public static CpuTopology read(final Path root) throws IOException
    {
        final CpuSet online = CpuSet.parse(Files.readString(root.resolve("cpu/online")));
        final Map<Integer, CpuSet> nodes = nodes(root.resolve("node"), online);
        final Map<Integer, CpuInfo> cpus = new TreeMap<>();
        online.stream().forEach(cpu ->
        {
            final Path dir = root.resolve("cpu/cpu" + cpu);
            final int node = nodes.entrySet().stream().filter(e -> e.getValue().contains(cpu)).mapToInt(Map.Entry::getKey)
                .findFirst().orElse(0);
            cpus.put(cpu, new CpuInfo(cpu, number(dir.resolve("topology/core_id"), cpu),
                number(dir.resolve("topology/physical_package_id"), 0), l3(dir.resolve("cache"), cpu), node));
        });
        return new CpuTopology(online, Map.copyOf(cpus), Map.copyOf(nodes));
    }

    private static Map<Integer, CpuSet> nodes(final Path nodeRoot, final CpuSet online) throws IOException
    {
        final Map<Integer, CpuSet> nodes = new TreeMap<>();
        if (Files.isDirectory(nodeRoot))
        {
            try (Stream<Path> entries = Files.list(nodeRoot))
            {
                for (final Path dir : (Iterable<Path>)entries::iterator)
                {
                    final String name = dir.getFileName().toString();
                    if (name.matches("node[0-9]+") && Files.exists(dir.resolve("cpulist")))
                    {
                        nodes.put(Integer.parseInt(name.substring(4)),
                            CpuSet.parse(Files.readString(dir.resolve("cpulist"))));
                    }
                }
            }
        }
        if (nodes.isEmpty())
        {
            nodes.put(0, online); // a kernel without NUMA: one node holds every CPU
        }
        return nodes;
    }

    /** The CPUs sharing the level-3 cache: the cache index whose level is 3, or index3 if no level file says. */
    private static CpuSet l3(final Path cache, final int cpu)
    {
        for (int index = 0; index < 8; index++)
        {
            final Path dir = cache.resolve("index" + index);
            if (Files.exists(dir.resolve("level")) && text(dir.resolve("level")).equals("3") &&
                Files.exists(dir.resolve("shared_cpu_list")))
            {
                return CpuSet.parse(text(dir.resolve("shared_cpu_list")));
            }
        }
        final Path index3 = cache.resolve("index3/shared_cpu_list");
        return Files.exists(index3) ? CpuSet.parse(text(index3)) : CpuSet.of(cpu);
    }

    private static int number(final Path file, final int missing)
    {
        return Files.exists(file) ? Integer.parseInt(text(file)) : missing;
    }

    private static String text(final Path file)
    {
        try
        {
            return Files.readString(file).strip();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** {@return the online CPUs} */
    public CpuSet online()
    {
        return online;
    }

    /**
     * One online CPU.
     *
     * @param cpu its number.
     * @return where it sits, or null if it is not online.
     */
    public CpuInfo cpu(final int cpu)
    {
        return cpus.get(cpu);
    }

    /** {@return the online CPUs, lowest number first} */
    public List<CpuInfo> cpus()
    {
        return cpus.values().stream().sorted((a, b) -> Integer.compare(a.cpu(), b.cpu())).toList();
    }

    /** {@return the NUMA nodes' CPUs, by node number; one node holding every CPU if the kernel shows none} */
    public Map<Integer, CpuSet> nodes()
    {
        return nodes;
    }

    /** {@return the distinct L3 groups (CCXs on AMD), in order of their lowest CPU} */
    public List<CpuSet> l3Groups()
    {
        final Set<CpuSet> groups = new LinkedHashSet<>();
        cpus().forEach(info -> groups.add(info.l3()));
        return new ArrayList<>(groups);
    }

    /** {@return the physical cores as sets of their hyperthreads, in order of their lowest CPU} */
    public List<CpuSet> cores()
    {
        final Map<Long, CpuSet> cores = new TreeMap<>();
        cpus().forEach(info -> cores.merge(((long)info.socket() << 32) | info.core(), CpuSet.of(info.cpu()),
            CpuSet::union));
        return cores.values().stream().sorted((a, b) -> Integer.compare(a.stream().min().orElse(0),
            b.stream().min().orElse(0))).toList();
    }

    /** {@return one line for people, e.g. {@code 16 CPUs (0-15), 8 cores, 2 L3 groups, 1 package, 1 NUMA node}} */
    @Override
    public String toString()
    {
        final long packages = cpus.values().stream().mapToInt(CpuInfo::socket).distinct().count();
        return online.size() + " CPUs (" + online + "), " + cores().size() + " cores, " + l3Groups().size() +
            " L3 groups, " + packages + (packages == 1 ? " package, " : " packages, ") + nodes.size() +
            (nodes.size() == 1 ? " NUMA node" : " NUMA nodes");
    }
}
