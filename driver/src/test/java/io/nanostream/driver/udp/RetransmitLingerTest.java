package io.nanostream.driver.udp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code max-resend=}: how many resends a publication keeps in flight, each remembered for the linger. */
class RetransmitLingerTest
{
    @Test
    void atMostMaxResendsAreInFlightAndEachIsRememberedForTheLinger()
    {
        final RetransmitLinger linger = new RetransmitLinger(2);
        assertThat(linger.admit(1, 0, 0)).isTrue();
        assertThat(linger.admit(1, 64, 0)).isTrue();
        assertThat(linger.admit(1, 128, 0)).as("a third range while two are in flight").isFalse();
        assertThat(linger.admit(1, 0, 1_000)).as("the same range again within the linger").isFalse();
        assertThat(linger.admit(1, 128, RetransmitLinger.LINGER_NANOS)).as("once the first two have lingered").isTrue();
    }

    @Test
    void aeronsDefaultIsSixteen()
    {
        final RetransmitLinger linger = new RetransmitLinger();
        for (int i = 0; i < RetransmitLinger.DEFAULT_MAX_RESENDS; i++)
        {
            assertThat(linger.admit(1, i * 64, 0)).isTrue();
        }
        assertThat(linger.admit(1, 16 * 64, 0)).isFalse();
        assertThat(RetransmitLinger.DEFAULT_MAX_RESENDS).isEqualTo(16);
    }
}
