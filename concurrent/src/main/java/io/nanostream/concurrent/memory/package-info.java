/**
 * Huge pages for mapped memory: advising the kernel to back a mapping with transparent huge pages through
 * {@code madvise}, which needs native access and is off, with its reason, without it; and reading back from
 * {@code /proc/<pid>/smaps} how much of each mapping the kernel really put in huge pages.
 *
 * <pre>
 *   HugePageAdvice.advise(MemorySegment) ──FFM──▶ madvise(MADV_HUGEPAGE)   (only if NativeAccess allows)
 *   MappingUsage.ofProcess(/proc, pid, filter) ◀── /proc/&lt;pid&gt;/smaps: Size, Rss, *PmdMapped, AnonHugePages
 * </pre>
 */
package io.nanostream.concurrent.memory;
