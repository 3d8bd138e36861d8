package io.nanostream.driver.auth;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.concurrent.ManualClock;
import io.nanostream.driver.wire.AuthHeader;
import io.nanostream.driver.wire.DatagramBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signing and checking datagrams: what passes, and each reason a datagram is refused. */
class DatagramAuthenticatorTest
{
    private static final String KEY_1 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String KEY_2 = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    @TempDir
    Path directory;
    private final ManualClock clock = new ManualClock(0, 1_800_000_000_000L);
    private final AtomicBuffer datagram = AtomicBuffer.allocateDirect(4096);

    @Test
    void aSignedDatagramChecksOutWithItsFramesUnchanged() throws IOException
    {
        final KeyRing ring = ring("ops 1 " + KEY_1);
        final DatagramAuthenticator sender = new DatagramAuthenticator("ops", ring, clock);
        final DatagramAuthenticator receiver = new DatagramAuthenticator("ops", ring, clock);
        final int length = DatagramBuilder.data(datagram, 0, 7, 10, 0, 0, 300, (byte)0x5A);
        final int signed = sender.sign(datagram, 0, length);
        assertThat(signed).isEqualTo(length + AuthHeader.LENGTH);
        assertThat(AuthHeader.isSigned(sender.signed(), signed)).isTrue();
        assertThat(receiver.verify(sender.signed(), signed)).isEqualTo(length);
        assertThat(receiver.verified().getBytes(0, length)).isEqualTo(datagram.getBytes(0, length));
    }

    @Test
    void aDatagramChangedInAnyByteIsRefused() throws IOException
    {
        final KeyRing ring = ring("ops 1 " + KEY_1);
        final DatagramAuthenticator sender = new DatagramAuthenticator("ops", ring, clock);
        final DatagramAuthenticator receiver = new DatagramAuthenticator("ops", ring, clock);
        final int length = DatagramBuilder.data(datagram, 0, 7, 10, 0, 0, 64, (byte)1);
        final int signed = sender.sign(datagram, 0, length);
        final AtomicBuffer copy = AtomicBuffer.allocateDirect(4096);
        final List<Integer> accepted = new ArrayList<>();
        for (int at = 0; at < signed; at++)
        {
            if (at == AuthHeader.KEY_GENERATION_OFFSET)
            {
                continue; // another generation: refused as an unknown key, below
            }
            copy.putBytes(0, sender.signed(), 0, signed);
            copy.putByte(at, (byte)(copy.getByte(at) ^ 0x01));
            final int result = receiver.verify(copy, signed);
            if (result >= 0)
            {
                accepted.add(at);
            }
        }
        assertThat(accepted).as("bytes whose change went unnoticed").isEmpty();
        copy.putBytes(0, sender.signed(), 0, signed);
        copy.putByte(AuthHeader.KEY_GENERATION_OFFSET, (byte)2);
        assertThat(receiver.verify(copy, signed)).isEqualTo(DatagramAuthenticator.UNKNOWN_KEY);
        assertThat(receiver.verify(datagram, length)).as("unsigned").isEqualTo(DatagramAuthenticator.UNSIGNED);
        assertThat(new DatagramAuthenticator("ops", ring("ops 1 " + KEY_2), clock).verify(sender.signed(), signed))
            .as("another key of the same name and generation").isEqualTo(DatagramAuthenticator.BAD_MAC);
    }

    @Test
    void aCapturedDatagramSentAgainOutsideTheReplayWindowIsRefused() throws IOException
    {
        final KeyRing ring = KeyRing.load(write("ops 1 " + KEY_1), 1_000);
        final DatagramAuthenticator sender = new DatagramAuthenticator("ops", ring, clock);
        final DatagramAuthenticator receiver = new DatagramAuthenticator("ops", ring, clock);
        final int signed = sender.sign(datagram, 0, DatagramBuilder.data(datagram, 0, 7, 10, 0, 0, 64, (byte)1));
        clock.advance(1_000, TimeUnit.MILLISECONDS);
        assertThat(receiver.verify(sender.signed(), signed)).as("at the window's edge").isPositive();
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(receiver.verify(sender.signed(), signed)).isEqualTo(DatagramAuthenticator.STALE);
    }

    @Test
    void keysRotateThroughAcceptOnlyGenerationsAsTheFileChanges() throws IOException
    {
        final Path file = write("ops 1 " + KEY_1);
        final KeyRing ring = KeyRing.load(file, 10_000);
        final DatagramAuthenticator sender = new DatagramAuthenticator("ops", ring, clock);
        final DatagramAuthenticator receiver = new DatagramAuthenticator("ops", ring, clock);
        final int length = DatagramBuilder.data(datagram, 0, 7, 10, 0, 0, 64, (byte)1);
        assertThat(generationOf(sender, length)).isEqualTo(1);

        rewrite(file, "ops 1 " + KEY_1 + "\nops 2 " + KEY_2 + " accept-only\n", ring);
        assertThat(generationOf(sender, length)).as("a new generation only accepted").isEqualTo(1);

        rewrite(file, "ops 1 " + KEY_1 + "\nops 2 " + KEY_2 + "\n", ring);
        final int signed = sender.sign(datagram, 0, length);
        assertThat(sender.signed().getByte(AuthHeader.KEY_GENERATION_OFFSET)).as("the new generation signs").isEqualTo((byte)2);
        assertThat(receiver.verify(sender.signed(), signed)).isEqualTo(length);

        final AtomicBuffer old = AtomicBuffer.allocateDirect(4096);
        rewrite(file, "ops 1 " + KEY_1 + " accept-only\nops 2 " + KEY_2 + "\n", ring);
        rewrite(file, "ops 2 " + KEY_2 + "\n", ring);
        old.putBytes(0, sender.signed(), 0, signed);
        old.putByte(AuthHeader.KEY_GENERATION_OFFSET, (byte)1);
        assertThat(receiver.verify(old,
            signed)).as("the old generation, gone").isEqualTo(DatagramAuthenticator.UNKNOWN_KEY);

        Files.writeString(file, "ops 2 not-hex\n");
        final List<Throwable> errors = new ArrayList<>();
        assertThat(ring.reloadIfChanged(errors::add)).isFalse();
        assertThat(errors).singleElement().satisfies(error -> assertThat(error.getMessage()).contains("line 1",
            "keys read before stay"));
        assertThat(receiver.verify(sender.signed(), signed)).as("the keys before stay in use").isEqualTo(length);
    }

    @Test
    void aBadKeyFileNamesTheLineAndTheFix() throws IOException
    {
        assertThatThrownBy(() -> ring("ops 1 abcd")).hasMessageContaining("line 1").hasMessageContaining("16 to 64");
        assertThatThrownBy(() -> ring("# keys\nops 0 " +
            KEY_1)).hasMessageContaining("line 2").hasMessageContaining("1 to 255");
        assertThatThrownBy(() -> ring("ops 1 " + KEY_1 + "\nops 1 " + KEY_2)).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> ring("ops 1 " + KEY_1 + " sign-only")).hasMessageContaining("name generation hex-key");
        assertThatThrownBy(() -> KeyRing.require(ring("ops 1 " + KEY_1), "nano:udp?endpoint=h:1|auth=dev", "dev"))
            .hasMessageContaining("auth=dev").hasMessageContaining("dev 1 <64 hex digits>");
        assertThatThrownBy(() -> KeyRing.require(null, "nano:udp?endpoint=h:1|auth=dev", "dev"))
            .hasMessageContaining("nanostream.udp.auth.keys");
    }

    private int generationOf(final DatagramAuthenticator sender, final int length)
    {
        sender.sign(datagram, 0, length);
        return sender.signed().getByte(AuthHeader.KEY_GENERATION_OFFSET);
    }

    private void rewrite(final Path file, final String text, final KeyRing ring) throws IOException
    {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file,
            java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 1_000));
        assertThat(ring.reloadIfChanged(error -> { throw new AssertionError(error); })).as("the change is read").isTrue();
    }

    private KeyRing ring(final String text) throws IOException
    {
        return KeyRing.load(write(text), 10_000);
    }

    private Path write(final String text) throws IOException
    {
        final Path file = Files.createTempFile(directory, "keys", ".txt");
        Files.writeString(file, text + "\n");
        return file;
    }
}
