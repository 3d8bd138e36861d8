/**
 * Where threads run: CPU sets in the kernel's list form, the machine's topology from {@code /sys}, what
 * {@code /proc} says about a thread's placement, and pinning through {@code sched_setaffinity}, which needs
 * native access and is off, with its reason, without it.
 *
 * <pre>
 *   CpuTopology ◀── /sys/devices/system/{cpu,node}      ThreadPlacement ◀── /proc/&lt;pid&gt;/task/&lt;tid&gt;
 *   Affinity.pinCurrentThread(CpuSet) ──FFM──▶ sched_setaffinity   (only if NativeAccess allows)
 *   AffinityThreadFactory: threads that pin themselves as they start
 * </pre>
 */
package io.nanostream.natives.affinity;
