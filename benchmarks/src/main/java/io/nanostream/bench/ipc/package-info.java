/**
 * IPC scenarios: Nano-Stream and Aeron through their media drivers, in one JVM and across two.
 *
 * <pre>
 *   IpcScenarios ─┬─ NanoIpcShapes, AeronIpcShapes                 (publisher and subscriber in one JVM)
 *                 └─ NanoIpcTwoProcessShapes, AeronIpcTwoProcessShapes ── ChildJvm ── NanoIpcChild, AeronIpcChild
 * </pre>
 */
package io.nanostream.bench.ipc;
