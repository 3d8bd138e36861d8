package io.nanostream.driver.udp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many producers and the owner on a small {@link CommandQueue}, so that it is full most of the time and slots are
 * reused many times over: every command arrives exactly once, each producer's in the order it offered them, and a full
 * queue refuses rather than loses or overwrites.
 */
class CommandQueueStressTest
{
    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = 50_000;

    private record Command(int producer, int sequence)
    {
    }

    @Test
    void everyCommandOfEveryProducerArrivesOnceAndInItsProducersOrder() throws Exception
    {
        final CommandQueue<Command> queue = new CommandQueue<>("stress", 8);
        final CountDownLatch start = new CountDownLatch(1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++)
        {
            final int producer = p;
            final Thread thread = new Thread(() ->
            {
                try
                {
                    start.await();
                    for (int i = 0; i < PER_PRODUCER; i++)
                    {
                        final Command command = new Command(producer, i);
                        while (!queue.tryOffer(command))
                        {
                            Thread.onSpinWait();
                            if ((i & 7) == 0)
                            {
                                Thread.yield(); // two cores: let the owner run
                            }
                        }
                    }
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            }, "producer-" + p);
            producers.add(thread);
            thread.start();
        }
        final int[] next = new int[PRODUCERS];
        long received = 0;
        start.countDown();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (received < (long)PRODUCERS * PER_PRODUCER)
        {
            assertThat(failure.get()).isNull();
            assertThat(System.nanoTime() - deadline).as(received + " commands within 120 s").isNegative();
            final Command command = queue.poll();
            if (command == null)
            {
                Thread.yield();
                continue;
            }
            assertThat(command.sequence()).as("producer " + command.producer() +
                "'s next command").isEqualTo(next[command.producer()]);
            next[command.producer()]++;
            received++;
        }
        for (final Thread producer : producers)
        {
            producer.join();
        }
        assertThat(queue.poll()).as("nothing more than was offered").isNull();
        assertThat(failure.get()).isNull();
    }

    @Test
    void aFullQueueRefusesAndAPollMakesRoomForOneMore()
    {
        final CommandQueue<Integer> queue = new CommandQueue<>("full", 3);
        assertThat(queue.capacity()).as("rounded up to a power of two").isEqualTo(4);
        for (int i = 0; i < 4; i++)
        {
            assertThat(queue.tryOffer(i)).isTrue();
        }
        assertThat(queue.tryOffer(4)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> queue.offer(4)).hasMessageContaining("takes no more").hasMessageContaining("stuck");
        assertThat(queue.poll()).isZero();
        assertThat(queue.tryOffer(4)).isTrue();
        for (int i = 1; i <= 4; i++)
        {
            assertThat(queue.poll()).isEqualTo(i);
        }
        assertThat(queue.poll()).isNull();
    }
}
