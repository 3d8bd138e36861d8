package io.nanostream.concurrent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdleStrategiesTest
{
    @Test
    void makesAFreshStrategyForEachName()
    {
        assertThat(IdleStrategies.byName("spin")).isInstanceOf(BusySpinIdleStrategy.class);
        assertThat(IdleStrategies.byName("YIELD")).isInstanceOf(YieldingIdleStrategy.class);
        assertThat(IdleStrategies.byName(" sleep ")).isInstanceOf(SleepingIdleStrategy.class);
        assertThat(IdleStrategies.byName("noop")).isInstanceOf(NoOpIdleStrategy.class);
        final IdleStrategy backoff = IdleStrategies.byName("backoff");
        assertThat(backoff).isInstanceOf(BackoffIdleStrategy.class).isNotSameAs(IdleStrategies.byName("backoff"));
        for (final String name : new String[]{"spin", "yield", "sleep", "backoff", "noop"})
        {
            assertThat(IdleStrategies.byName(name).alias()).isEqualTo(name);
        }
    }

    @Test
    void anUnknownNameSaysWhichNamesExist()
    {
        assertThatThrownBy(() -> IdleStrategies.byName("sleepy")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("sleepy").hasMessageContaining("spin, yield, sleep, backoff, noop");
        assertThatThrownBy(() -> IdleStrategies.byName(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backoffSpinsThenYieldsThenParksLongerUpToItsMaximum()
    {
        final BackoffIdleStrategy backoff = new BackoffIdleStrategy(2, 1, 1_000_000, 4_000_000);
        final long spinsAndYield = time(backoff, 3);
        assertThat(spinsAndYield).as("spins and a yield do not park").isLessThan(1_000_000);
        final long firstPark = time(backoff, 1);
        assertThat(firstPark).isGreaterThanOrEqualTo(1_000_000);
        time(backoff, 3);
        final long cappedPark = time(backoff, 1);
        assertThat(cappedPark).as("capped at 4 ms").isGreaterThanOrEqualTo(4_000_000).isLessThan(100_000_000);
        backoff.idle(1); // work found: back to spinning
        assertThat(time(backoff, 2)).isLessThan(1_000_000);
    }

    @Test
    void rejectsNonsenseSettings()
    {
        assertThatThrownBy(() -> new BackoffIdleStrategy(-1, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackoffIdleStrategy(1, 1, 10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SleepingIdleStrategy(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long time(final IdleStrategy strategy, final int idles)
    {
        final long start = System.nanoTime();
        for (int i = 0; i < idles; i++)
        {
            strategy.idle();
        }
        return System.nanoTime() - start;
    }
}
