package io.nanostream.natives.affinity;

/**
 * One online CPU and where it sits: its core, its package (socket), the CPUs that share its last-level
 * cache (an L3 group, a CCX on AMD), and its NUMA node. Immutable.
 *
 * @param cpu     the CPU number.
 * @param core    {@code topology/core_id}: CPUs with the same core and package are hyperthreads of one core.
 * @param socket  {@code topology/physical_package_id}.
 * @param l3      the CPUs sharing its L3 cache ({@code cache/index3/shared_cpu_list}); just
 * itself if the kernel shows none.
 * @param node    its NUMA node; 0 when the kernel shows no nodes.
 */
public record CpuInfo(int cpu, int core, int socket, CpuSet l3, int node)
{
}
