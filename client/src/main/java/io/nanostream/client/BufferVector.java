package io.nanostream.client;

import io.nanostream.buffer.AtomicBuffer;

/**
 * One part of a message offered in parts.
 *
 * @param buffer the part's buffer.
 * @param offset where it starts.
 * @param length its length.
 */
public record BufferVector(AtomicBuffer buffer, int offset, int length)
{
}
