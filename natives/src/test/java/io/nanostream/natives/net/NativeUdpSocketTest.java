package io.nanostream.natives.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Without native access (the ordinary test JVM): off with the reason and its fix, and nothing linked. */
class NativeUdpSocketTest
{
    @Test
    void isOffWithTheFlagThatTurnsItOn()
    {
        assumeFalse(NativeUdpSocketTest.class.getModule().isNativeAccessEnabled(),
            "the native-access execution tests the other case");
        assertThat(NativeUdpSocket.unavailableReason()).contains("--enable-native-access");
        assertThatThrownBy(() -> NativeUdpSocket.open(8, 2048))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("native UDP sockets are off")
            .hasMessageContaining("--enable-native-access");
    }
}
