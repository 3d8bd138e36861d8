/**
 * The log: three terms of frames and a metadata page, the one format shared by IPC, UDP and the tools.
 *
 * <pre>
 *   LogBuffers ── term 0 │ term 1 │ term 2 │ metadata (LogLayout)
 *                  ▲                           frames: FrameHeader + payload, FrameType
 *   writers:  TermAppender (many publishers), ExclusiveTermAppender (one), BufferClaim (zero copy)
 *   readers:  TermReader → FragmentHandler (Header), FragmentAssembler for fragmented messages
 *   driver:   LogCleaner zeroes behind readers; TermUnblocker pads over a dead writer's claim
 * </pre>
 */
package io.nanostream.log;
