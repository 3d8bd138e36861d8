/**
 * The client API: connect to a media driver, publish and subscribe.
 *
 * <pre>
 *   NanoStream.connect(ClientContext) ── ClientConductor ──commands──▶ driver (command ring)
 *        │                                     ◀──answers── driver (broadcast buffer)
 *        ├─ addPublication          → ConcurrentPublication  offer / tryClaim into a log
 *        ├─ addExclusivePublication → ExclusivePublication   one writer, no contention
 *        └─ addSubscription         → Subscription ── Image per publisher ── poll(FragmentHandler)
 *   ChannelUri: nano:ipc | nano:udp?endpoint=host:port|control=...  (aeron:... accepted too)
 * </pre>
 */
package io.nanostream.client;
