/**
 * What clients and the driver say to each other, and where: exported only to the driver and the tools.
 *
 * <pre>
 *   ControlFile: header │ command ring │ broadcast buffer │ counters metadata │ counters values │ error log
 *   Commands  (client → driver):  add/remove publication and subscription, keepalive, close
 *   Responses (driver → client):  ready, images available/unavailable, success, errors, timeouts
 *   CounterTypes: the type id of each counter the driver makes
 * </pre>
 */
package io.nanostream.client.protocol;
