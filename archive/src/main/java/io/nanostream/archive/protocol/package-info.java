/**
 * The archive's control messages, shared by the service and its clients; not exported.
 *
 * <pre>
 *   request:  type | version | control session | correlation | body   (ControlProtocol draws each body)
 *   answer:   type | code    | control session | correlation | relevant id | body
 * </pre>
 */
package io.nanostream.archive.protocol;
