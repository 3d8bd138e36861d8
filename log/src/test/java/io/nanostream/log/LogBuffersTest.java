package io.nanostream.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogBuffersTest
{
    @TempDir
    Path dir;

    @Test
    void aCreatedLogOpensInAnotherMappingWithTheSameLayout() throws Exception
    {
        final Path path = dir.resolve("1.log");
        try (LogBuffers created = LogBuffers.create(path, 128 * 1024, 4096, 8192, 77, 12, 34, 999L))
        {
            new TermAppender(created.term(0), created.metadata(), 0)
                .appendUnfragmented(12, 34, io.nanostream.buffer.AtomicBuffer.allocateHeap(8), 0, 8, null);
            assertThat(Files.size(path)).isEqualTo(3 * 128 * 1024 + 4096);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
            try (LogBuffers opened = LogBuffers.open(path))
            {
                assertThat(opened.termLength()).isEqualTo(128 * 1024);
                assertThat(opened.initialTermId()).isEqualTo(77);
                assertThat(opened.mtu()).isEqualTo(8192);
                assertThat(opened.sessionId()).isEqualTo(12);
                assertThat(opened.streamId()).isEqualTo(34);
                assertThat(opened.endOfStreamPosition()).isEqualTo(Long.MAX_VALUE);
                assertThat(FrameHeader.frameLengthAcquire(opened.term(0), 0)).as("shared memory").isEqualTo(40);
            }
        }
    }

    @Test
    void preTouchingFillsTheMappingsPageTableSoThatTheDataPathTakesNoFaults() throws Exception
    {
        final Path path = dir.resolve("touch.log");
        final long logLength = 3 * 1024 * 1024 + 4096;
        try (LogBuffers created = LogBuffers.create(path, 1024 * 1024, 4096, 1408, 0, 0, 0, 0, true))
        {
            try (LogBuffers cold = LogBuffers.open(path, false))
            {
                assertThat(residentKib(cold)).as("a fresh mapping is populated by faults, page by page").isLessThan(64);
            }
            try (LogBuffers warm = LogBuffers.open(path, true))
            {
                assertThat(residentKib(warm)).as("every page is mapped before the first offer or poll").isGreaterThanOrEqualTo(logLength / 1024);
            }
        }
    }

    /** The resident size of one mapping of a log, as the kernel reports it. */
    private static long residentKib(final LogBuffers log) throws java.io.IOException
    {
        final Path smaps = Path.of("/proc/self/smaps");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(smaps), "needs Linux /proc/self/smaps");
        final String start = Long.toHexString(log.term(0).segment().address()) + "-";
        boolean inMapping = false;
        for (final String line : Files.readAllLines(smaps))
        {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*"))
            {
                inMapping = line.startsWith(start);
            }
            else if (inMapping && line.startsWith("Rss:"))
            {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("no mapping at " + start + " in " + smaps);
    }

    @Test
    void badParametersAndFilesAreRefusedWithTheFix() throws Exception
    {
        assertThatThrownBy(() -> LogBuffers.create(dir.resolve("a.log"), 100_000, 4096, 1408, 0, 0, 0, 0))
            .hasMessageContaining("term-length=131072");
        assertThatThrownBy(() -> LogBuffers.create(dir.resolve("b.log"), 65536, 4096, 1000, 0, 0, 0, 0))
            .hasMessageContaining("mtu=1024");
        final Path foreign = dir.resolve("foreign.log");
        Files.write(foreign, new byte[3 * 65536 + 4096]);
        assertThatThrownBy(() -> LogBuffers.open(foreign)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not a valid log");
        final Path tiny = dir.resolve("tiny.log");
        Files.write(tiny, new byte[100]);
        assertThatThrownBy(() -> LogBuffers.open(tiny)).hasMessageContaining("only 100 bytes");
        assertThatThrownBy(() -> LogBuffers.open(dir.resolve("missing.log"))).isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining("no such file");
        try (LogBuffers ignored = LogBuffers.create(dir.resolve("c.log"), 65536, 4096, 1408, 0, 0, 0, 0))
        {
            assertThatThrownBy(() -> LogBuffers.create(dir.resolve("c.log"), 65536, 4096, 1408, 0, 0, 0, 0))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("exists already");
        }
        final Path truncated = dir.resolve("d.log");
        try (LogBuffers ignored = LogBuffers.create(truncated, 65536, 4096, 1408, 0, 0, 0, 0))
        {
            // written
        }
        try (var channel = java.nio.channels.FileChannel.open(truncated, java.nio.file.StandardOpenOption.WRITE))
        {
            channel.truncate(3 * 65536 + 1000);
        }
        assertThatThrownBy(() -> LogBuffers.open(truncated)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void producerPositionFollowsAppendsAndZeroCrossesTermBoundaries()
    {
        final int termLength = LogLayout.TERM_MIN_LENGTH;
        final LogBuffers log = LogBuffers.inMemory(
            io.nanostream.buffer.AtomicBuffer.allocateHeap(3 * termLength + LogLayout.METADATA_LENGTH), termLength,
            1408, 7, 1, 2);
        assertThat(log.producerPosition()).isZero();
        final TermAppender appender = new TermAppender(log.term(0), log.metadata(), 0);
        final io.nanostream.buffer.AtomicBuffer payload = io.nanostream.buffer.AtomicBuffer.allocateHeap(64);
        appender.appendUnfragmented(1, 2, payload, 0, 32, null);
        assertThat(log.producerPosition()).isEqualTo(64);

        for (int i = 0; i < 3; i++)
        {
            log.term(i).setMemory(0, termLength, (byte)1);
        }
        log.zero(termLength - 32, termLength + 64);
        assertThat(log.term(0).getByte(termLength - 33)).isEqualTo((byte)1);
        assertThat(log.term(0).getByte(termLength - 32)).isZero();
        assertThat(log.term(0).getByte(termLength - 1)).isZero();
        assertThat(log.term(1).getByte(0)).isZero();
        assertThat(log.term(1).getByte(63)).isZero();
        assertThat(log.term(1).getByte(64)).isEqualTo((byte)1);
        assertThat(log.term(2).getByte(0)).isEqualTo((byte)1);
        log.zero(100, 100);
        assertThat(log.term(0).getByte(100)).isEqualTo((byte)1);
    }

    @Test
    void zeroingFillsWholePartsAndCopiesTheRaggedEndsLeavingEveryOtherByteAlone()
    {
        final int termLength = 1024 * 1024; // 16 parts of 64 KiB
        final LogBuffers log = LogBuffers.inMemory(
            io.nanostream.buffer.AtomicBuffer.allocateDirect(3 * termLength + LogLayout.METADATA_LENGTH), termLength,
            1408, 7, 1, 2);
        final java.util.Random random = new java.util.Random(42);
        final byte[] expected = new byte[3 * termLength];
        for (int round = 0; round < 200; round++)
        {
            for (int i = 0; i < 3; i++)
            {
                log.term(i).setMemory(0, termLength, (byte)1);
            }
            java.util.Arrays.fill(expected, (byte)1);
            final long from = random.nextInt(3 * termLength / 32) * 32L;
            final long to = Math.min(3L * termLength, from + random.nextInt(round % 2 == 0 ?
                200_000 : 2 * termLength) / 32 * 32);
            log.zero(from, to);
            java.util.Arrays.fill(expected, (int)from, (int)Math.max(from, to), (byte)0);
            for (int i = 0; i < 3; i++)
            {
                final byte[] actual = new byte[termLength];
                log.term(i).getBytes(0, actual, 0, termLength);
                assertThat(java.util.Arrays.mismatch(actual, java.util.Arrays.copyOfRange(expected, i * termLength,
                    (i + 1) * termLength)))
                    .as("term %d after zero(%d, %d)", i, from, to).isEqualTo(-1);
            }
        }
    }
}
