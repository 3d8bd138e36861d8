package io.nanostream.driver.conductor;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Session ids an attacker cannot guess from the last one, never one still in use. */
class SessionIdsTest
{
    @Test
    void consecutiveIdsAreNotSequentialAndNeverRepeatWhileLive()
    {
        final SessionIds ids = new SessionIds();
        final Set<Integer> live = new HashSet<>();
        int previous = ids.next();
        live.add(previous);
        int sequential = 0;
        for (int i = 0; i < 10_000; i++)
        {
            final int id = ids.next();
            sequential += id == previous + 1 ? 1 : 0;
            assertThat(live.add(id)).as("id %d handed out twice while live", id).isTrue();
            previous = id;
        }
        assertThat(sequential).as("ids one more than the one before").isLessThanOrEqualTo(1);
    }

    @Test
    void anIdInUseIsSkippedUntilReleased()
    {
        final int[] draws = {5, 5, 5, 6, 5};
        final int[] next = {0};
        final SessionIds ids = new SessionIds(() -> draws[next[0]++]);
        assertThat(ids.next()).isEqualTo(5);
        assertThat(ids.next()).as("5 is live: drawn again until free").isEqualTo(6);
        ids.release(5);
        assertThat(ids.next()).as("released, so free again").isEqualTo(5);
    }
}
