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
                assertThat(FrameHeader.frameLengthVolatile(opened.term(0), 0)).as("shared memory").isEqualTo(40);
            }
        }
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
}
