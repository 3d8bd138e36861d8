/**
 * The loss report: a file in the driver directory where receivers record each gap they saw, read by
 * {@code nano-stream loss}.
 *
 * <pre>
 *   PublicationImage ──gap──▶ LossReport (loss-report.dat) ◀── nano-stream loss
 * </pre>
 */
package io.nanostream.driver.loss;
