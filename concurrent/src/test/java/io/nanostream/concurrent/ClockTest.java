package io.nanostream.concurrent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClockTest
{
    @Test
    void aCachedClockHoldsOneInstantUntilUpdated()
    {
        final ManualClock source = new ManualClock(5_000, 70_000);
        final CachedClock cached = new CachedClock(source);
        source.advance(3, TimeUnit.MILLISECONDS);
        assertThat(cached.nanoTime()).isEqualTo(5_000);
        assertThat(cached.epochMillis()).isEqualTo(70_000);
        cached.update();
        assertThat(cached.nanoTime()).isEqualTo(3_005_000);
        assertThat(cached.epochMillis()).isEqualTo(70_003);
    }

    @Test
    void aManualClockOnlyMovesForwardAndTheSystemClockTicks() throws InterruptedException
    {
        final ManualClock clock = new ManualClock();
        assertThatThrownBy(() -> clock.advance(-1, TimeUnit.SECONDS)).hasMessageContaining("only moves forward");
        final long before = SystemClock.INSTANCE.nanoTime();
        Thread.sleep(2);
        assertThat(SystemClock.INSTANCE.nanoTime()).isGreaterThan(before);
        // bracketed by the JDK's wall clock, read just before and after: no tolerance a descheduled thread could exceed
        final long wallBefore = System.currentTimeMillis();
        final long epochMillis = SystemClock.INSTANCE.epochMillis();
        assertThat(epochMillis).isBetween(wallBefore, System.currentTimeMillis());
    }
}
