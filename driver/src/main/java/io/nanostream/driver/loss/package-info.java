/**
 * Loss, injected and observed. Injection, for tests and demonstrations: which datagrams a socket pretends it never saw,
 * set on the driver's context. The loss report: a file in the driver directory where receivers record each gap they
 * saw, read by {@code nano-stream loss}.
 *
 * <pre>
 *   DriverContext.lossInjection() ── LossInjection ── send, receive: Supplier&lt;LossGenerator&gt;
 *                                                        LossGenerator ─┬─ NONE
 *                                                                       ├─ RandomLoss   a rate, a seed, frame types
 *                                                                       └─ GapLoss      chosen term offsets, once each
 *
 *   PublicationImage ──gap──▶ LossRecorder ──▶ LossReport (loss-report.dat) ◀── nano-stream loss
 * </pre>
 */
package io.nanostream.driver.loss;
