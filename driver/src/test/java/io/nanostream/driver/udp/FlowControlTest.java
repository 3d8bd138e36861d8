package io.nanostream.driver.udp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flow control with a controllable clock. */
class FlowControlTest
{
    @Test
    void maxFollowsTheFastestReceiverAndNeverGoesBack()
    {
        final FlowControl max = FlowControl.parse(null);
        long limit = max.onStatusMessage(0, 1, 1000, 0);
        limit = max.onStatusMessage(limit, 2, 500, 1);
        assertThat(limit).isEqualTo(1000);
        assertThat(max.onStatusMessage(limit, 2, 3000, 2)).isEqualTo(3000);
    }

    @Test
    void minFollowsTheSlowestLiveReceiverAndDropsSilentOnes()
    {
        final FlowControl min = FlowControl.parse("min,t:100ms");
        long limit = min.onStatusMessage(0, 1, 1000, 0);
        limit = min.onStatusMessage(limit, 2, 500, 10_000_000L);
        assertThat(limit).isEqualTo(500);
        assertThat(min.receiverCount()).isEqualTo(2);
        limit = min.onStatusMessage(limit, 1, 2000, 50_000_000L);
        assertThat(limit).as("receiver 2 still live and slower").isEqualTo(500);
        limit = min.onIdle(limit, 120_000_000L);
        assertThat(limit).as("receiver 2 silent for 110 ms: dropped").isEqualTo(2000);
        assertThat(min.receiverCount()).isEqualTo(1);
        assertThat(min.onIdle(limit, 500_000_000L)).as("no live receivers: the limit stays").isEqualTo(2000);
    }

    @Test
    void badSettingsNameTheFix()
    {
        assertThatThrownBy(() -> FlowControl.parse("fastest")).hasMessageContaining("use fc=max, fc=min or fc=min,t:5s");
        assertThatThrownBy(() -> FlowControl.parse("min,t:soon")).hasMessageContaining("fc=min,t:5s");
        assertThat(FlowControl.parse("min,t:2s").isMinimum()).isTrue();
    }
}
