package io.nanostream.natives.affinity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpuSetTest
{
    @Test
    void parsesAndPrintsTheKernelListForm()
    {
        final CpuSet set = CpuSet.parse(" 0-3,8,10-11\n");
        assertThat(set.stream().toArray()).containsExactly(0, 1, 2, 3, 8, 10, 11);
        assertThat(set).hasToString("0-3,8,10-11");
        assertThat(CpuSet.parse("")).isEqualTo(CpuSet.EMPTY);
        assertThat(CpuSet.of(5, 1, 2)).hasToString("1-2,5");
    }

    @Test
    void namesWhatIsNotACpu()
    {
        assertThatThrownBy(() -> CpuSet.parse("0,x")).hasMessageContaining("'x' is not a CPU number or range");
        assertThatThrownBy(() -> CpuSet.parse("3-1")).hasMessageContaining("'3-1' is a range that ends before it starts");
        assertThatThrownBy(() -> CpuSet.parse("1024")).hasMessageContaining("from 0 to 1023");
        assertThatThrownBy(() -> CpuSet.parse("-1")).hasMessageContaining("'-1'");
    }

    @Test
    void masksRoundTripBitNOfByteNOver8()
    {
        final byte[] mask = CpuSet.of(0, 9, 1023).toMask(128);
        assertThat(mask[0]).isEqualTo((byte)1);
        assertThat(mask[1]).isEqualTo((byte)2);
        assertThat(mask[127]).isEqualTo((byte)0x80);
        assertThat(CpuSet.fromMask(mask)).isEqualTo(CpuSet.of(0, 9, 1023));
    }

    @Test
    void setOperations()
    {
        final CpuSet online = CpuSet.parse("0-3");
        assertThat(online.containsAll(CpuSet.of(1, 3))).isTrue();
        assertThat(online.containsAll(CpuSet.of(3, 4))).isFalse();
        assertThat(CpuSet.of(3, 4, 7).minus(online)).hasToString("4,7");
        assertThat(online.highest()).isEqualTo(3);
        assertThat(CpuSet.EMPTY.highest()).isEqualTo(-1);
    }
}
