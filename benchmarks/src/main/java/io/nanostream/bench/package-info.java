/**
 * The {@code bench} command: the same scenarios on Nano-Stream and its anchors, side by side.
 *
 * <pre>
 *   BenchCommand ─▶ Catalogs ─▶ ScenarioCatalog (ring | ipc | udp) ─▶ ThroughputShape / LatencyShape
 *                   ScenarioMain runs one scenario in a fresh JVM; RoundResult, ScenarioSummary, PercentilePlot report
 * </pre>
 */
package io.nanostream.bench;
