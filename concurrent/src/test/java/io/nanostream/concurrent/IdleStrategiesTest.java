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
        final BackoffIdleStrategy backoff = new BackoffIdleStrategy(2, 1, 1_000, 4_000);
        backoff.idle();
        backoff.idle();
        assertThat(backoff.nextParkNanos()).as("after the spins, a yield is next").isZero();
        backoff.idle();
        assertThat(backoff.nextParkNanos()).isEqualTo(1_000);
        backoff.idle();
        assertThat(backoff.nextParkNanos()).isEqualTo(2_000);
        backoff.idle();
        backoff.idle();
        assertThat(backoff.nextParkNanos()).as("doubling stops at the maximum").isEqualTo(4_000);
        backoff.idle(1); // work found: back to spinning
        assertThat(backoff.nextParkNanos()).isZero();
        backoff.idle(0);
        backoff.idle(0);
        backoff.idle(0);
        assertThat(backoff.nextParkNanos()).isEqualTo(1_000);
    }

    @Test
    void aBackoffCanBeNamedWithItsSteps()
    {
        final BackoffIdleStrategy tuned = (BackoffIdleStrategy)IdleStrategies.byName("backoff:0:2:500:2000");
        tuned.idle();
        tuned.idle();
        assertThat(tuned.nextParkNanos()).as("no spins, two yields, then parks from 500 ns").isEqualTo(500);
        assertThatThrownBy(() -> IdleStrategies.byName("backoff:1:2")).hasMessageContaining("needs four numbers")
            .hasMessageContaining("backoff:10:10:1000:1000000");
        assertThatThrownBy(() -> IdleStrategies.byName("backoff:a:2:3:4")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> IdleStrategies.byName("backoff:1:2:30:4")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNonsenseSettings()
    {
        assertThatThrownBy(() -> new BackoffIdleStrategy(-1, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackoffIdleStrategy(1, 1, 10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SleepingIdleStrategy(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
