package io.nanostream.natives.affinity;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Without native access (the default execution): affinity is off, says why, and nothing fails. */
class AffinityTest
{
    @Test
    void isOffWithTheFlagToAddWhenNativeAccessIsNotEnabled() throws Exception
    {
        assumeFalse(Boolean.getBoolean("nanostream.test.native"), "runs without native access");

        assertThat(Affinity.isAvailable()).isFalse();
        assertThat(Affinity.unavailableReason()).isEqualTo(
            "native access is not enabled for the class path; add --enable-native-access=ALL-UNNAMED");
        assertThatThrownBy(() -> Affinity.pinCurrentThread(CpuSet.of(0))).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("--enable-native-access");

        final AffinityThreadFactory factory = new AffinityThreadFactory(List.of(CpuSet.of(0)),
            Thread.ofPlatform()::unstarted);
        final AtomicReference<String> ran = new AtomicReference<>();
        final Thread thread = factory.newThread(() -> ran.set(Thread.currentThread().getName()));
        thread.start();
        thread.join();
        assertThat(ran.get()).isEqualTo(thread.getName());
        assertThat(factory.pinnedThreads()).isZero();
        assertThat(factory.status()).startsWith("off: native access is not enabled");
    }
}
