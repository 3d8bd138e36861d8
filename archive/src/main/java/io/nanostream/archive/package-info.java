/**
 * The archive's API: run one, talk to one, read what it holds.
 *
 * <pre>
 *   publishers --stream--> driver --image--> Archive (its own client) --segment files--> disk
 *                                                 ^   |                                  |
 *   ArchiveClient --control stream (requests)-----+   +--response stream (answers)--> ArchiveClient
 *                                                 |
 *   subscribers &lt;--replay stream (positioned exclusive publication)-- replay sessions &lt;--+
 * </pre>
 */
package io.nanostream.archive;
