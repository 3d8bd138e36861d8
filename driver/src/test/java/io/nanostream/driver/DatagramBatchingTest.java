package io.nanostream.driver;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Batched datagrams as a setting: checked before launch, and off, silently and with its reason, without native access.
 */
class DatagramBatchingTest
{
    @Test
    void aBatchOutOfRangeIsNamedBeforeLaunch()
    {
        final DriverContext context = new DriverContext();
        context.datagramBatching().datagramsPerCall(2000);
        assertThatThrownBy(context::conclude).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("nanostream.udp.batch=2000 is out of range; use 0 (off) or 1 to 1024 datagrams per call, e.g. 16");
        context.datagramBatching().datagramsPerCall(-1);
        assertThatThrownBy(context::conclude).hasMessageContaining("nanostream.udp.batch=-1 is out of range");
    }

    @Test
    void withoutNativeAccessTheDriverStartsSilentlyOnJdkChannelsAndSaysWhy() throws Exception
    {
        final DriverAffinityTest.Run requested = DriverAffinityTest.run("-Dnanostream.udp.batch=16");
        assertThat(requested.stderr()).isEmpty();
        assertThat(requested.exitCode()).isZero();
        assertThat(requested.stdout()).filteredOn(line -> line.contains(" udp-batch: ")).containsExactly(
            "feature 0 udp-batch: off: native access is not enabled for the class path; add --enable-native-access=ALL-UNNAMED");

        final DriverAffinityTest.Run unset = DriverAffinityTest.run();
        assertThat(unset.stdout()).filteredOn(line -> line.contains(" udp-batch: ")).containsExactly(
            "feature 0 udp-batch: off: not requested (nanostream.udp.batch=0; set it to e.g. 16, with native access)");
    }
}
