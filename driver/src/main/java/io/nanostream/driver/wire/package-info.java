/**
 * Aeron's wire protocol, one codec per frame type: each class is the descriptor of its frame's bytes.
 *
 * <pre>
 *   WireFrame  common header, data and heartbeat frames (the data header itself is log.FrameHeader)
 *   StatusMessage (SM)  Nak  Setup  RttMeasurement (RTTM)  ErrorFrame (ERR)
 * </pre>
 */
package io.nanostream.driver.wire;
