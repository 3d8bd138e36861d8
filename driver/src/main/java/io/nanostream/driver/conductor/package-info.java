/**
 * The conductor thread: everything the driver holds, and every change to it.
 *
 * <pre>
 *   command ring ─▶ ClientCommandAdapter ─▶ DriverConductor (ClientCommandHandler) ─▶ ClientProxy ─▶ broadcast
 *                                              │ ClientRegistry (liveness)   ErrorRecorder (one error path)
 *                        ┌─────────────────────┴──────────────────────┐
 *                  IpcPublications                              NetworkConductor
 *                  IpcPublication, links,              NetworkPublications ──SenderCommand──▶ Sender
 *                  SubscriberPosition                  NetworkSubscriptions ─ReceiverCommand─▶ Receiver
 *                                                       ◀──────ConductorCommand (created, closed, removed)
 * </pre>
 */
package io.nanostream.driver.conductor;
