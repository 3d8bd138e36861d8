/**
 * Not exported: the hooks the ring's subpackages use inside {@code io.nanostream.ring}.
 *
 * <pre>
 *   ring.graph ──▶ RingInternals ──▶ ring (sequencer gating as-is, worker pool start, threads, handlers)
 * </pre>
 */
package io.nanostream.ring.internal;
