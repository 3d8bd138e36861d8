/**
 * Huge pages and NUMA placement for mapped memory: advising the kernel to back a mapping with transparent huge pages
 * through {@code madvise}, and binding a mapping to a NUMA node through the {@code mbind} system call, both of which
 * need native access and are off, with their reason, without it; and reading back from {@code /proc/<pid>/smaps} how
 * much of each mapping the kernel really put in huge pages, and from {@code /proc/<pid>/numa_maps} its policy.
 *
 * <pre>
 *   HugePageAdvice.advise(MemorySegment) ──FFM──▶ madvise(MADV_HUGEPAGE)   (only if NativeAccess allows)
 *   NumaBinding.bind(MemorySegment, node) ──FFM──▶ syscall(SYS_mbind, ..., MPOL_BIND, MPOL_MF_MOVE)
 *   MappingUsage.ofProcess(/proc, pid, filter) ◀── /proc/&lt;pid&gt;/smaps: Size, Rss, *PmdMapped, AnonHugePages
 *   MappingPolicy.ofProcess(/proc, pid, filter) ◀── /proc/&lt;pid&gt;/numa_maps: bind:0, N0=pages
 * </pre>
 */
package io.nanostream.natives.memory;
