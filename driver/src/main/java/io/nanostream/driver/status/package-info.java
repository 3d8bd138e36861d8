/**
 * The driver's counters, made in one place and held as typed handles.
 *
 * <pre>
 *   DriverCounters (the factory: type ids and labels) ─┬─ SystemCounters     clients, publications, errors...
 *                                                      ├─ TransportCounters  UDP totals, dropped datagrams by reason
 *                                                      ├─ PublicationCounters limit, position, back pressure
 *                                                      ├─ SenderCounters      sender position, limit, NAKs, resends
 *                                                      └─ ImageCounters       receiver hwm, rebuild, NAKs, gaps
 * </pre>
 */
package io.nanostream.driver.status;
