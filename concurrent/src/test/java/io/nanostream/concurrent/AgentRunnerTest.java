package io.nanostream.concurrent;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** How an agent's life goes on a runner: start, cycles that may fail or end it, and a close that may come first. */
class AgentRunnerTest
{
    /** An agent that counts what happens to it. */
    private static class CountingAgent implements Agent
    {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger cycles = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final List<Thread> closedOn = new CopyOnWriteArrayList<>();
        volatile RuntimeException thrownAt3;

        @Override
        public int doWork()
        {
            if (cycles.incrementAndGet() == 3 && thrownAt3 != null)
            {
                throw thrownAt3;
            }
            return 0;
        }

        @Override
        public void onStart()
        {
            starts.incrementAndGet();
        }

        @Override
        public void onClose()
        {
            closes.incrementAndGet();
            closedOn.add(Thread.currentThread());
        }

        @Override
        public String roleName()
        {
            return "counting";
        }
    }

    @Test
    void aRunnerClosedBeforeItsThreadRunsClosesTheAgentOnceAndTheThreadNeverRunsIt() throws Exception
    {
        final CountingAgent agent = new CountingAgent();
        final AgentRunner runner = new AgentRunner(agent, new YieldingIdleStrategy(), null);
        final Thread late = Thread.ofPlatform().unstarted(runner); // made, not yet started: as on a busy machine
        runner.close();
        assertThat(agent.closes.get()).as("closed at close(), where the resources can still be let go").isEqualTo(1);
        assertThat(agent.closedOn).containsExactly(Thread.currentThread());

        late.start();
        late.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(late.isAlive()).isFalse();
        assertThat(agent.starts.get() + agent.cycles.get()).as("the late thread ran nothing").isZero();
        assertThat(agent.closes.get()).isEqualTo(1);
    }

    @Test
    void aRunningAgentIsClosedOnceOnItsOwnThreadAndCloseWaitsForIt() throws Exception
    {
        final CountingAgent agent = new CountingAgent();
        final AgentRunner runner = new AgentRunner(agent, new YieldingIdleStrategy(), null);
        final Thread thread = AgentRunner.start(runner, Thread.ofPlatform()::unstarted);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (agent.cycles.get() < 10)
        {
            assertThat(System.nanoTime() - deadline).as("cycles").isNegative();
            Thread.sleep(1);
        }
        runner.close();
        assertThat(thread.isAlive()).as("close() returned after the thread ended").isFalse();
        assertThat(agent.starts.get()).isEqualTo(1);
        assertThat(agent.closes.get()).isEqualTo(1);
        assertThat(agent.closedOn).containsExactly(thread);
        runner.close();
        assertThat(agent.closes.get()).as("a second close does nothing").isEqualTo(1);
    }

    @Test
    void aFailedCycleIsReportedAndTheAgentGoesOnWhileATerminationEndsIt() throws Exception
    {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);
        final CountingAgent failing = new CountingAgent();
        failing.thrownAt3 = new IllegalStateException("cycle 3 failed");
        final AgentRunner first = new AgentRunner(failing, new YieldingIdleStrategy(), errors::add);
        AgentRunner.start(first, Thread.ofPlatform()::unstarted);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (failing.cycles.get() < 10)
        {
            assertThat(System.nanoTime() - deadline).as("cycles after the failure").isNegative();
            Thread.sleep(1);
        }
        first.close();
        assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("cycle 3 failed");

        final CountingAgent ending = new CountingAgent();
        ending.thrownAt3 = new AgentTerminationException("done");
        final AgentRunner second = new AgentRunner(ending, new YieldingIdleStrategy(), errors::add);
        Thread.ofPlatform().start(() ->
        {
            second.run();
            ended.countDown();
        });
        assertThat(ended.await(60, TimeUnit.SECONDS)).as("the loop ended by itself").isTrue();
        assertThat(ending.cycles.get()).isEqualTo(3);
        assertThat(ending.closes.get()).isEqualTo(1);
        assertThat(errors).as("a termination is no error").hasSize(1);
    }

    @Test
    void anAgentThatFailsToStartRunsNoCycleAndIsClosed() throws Exception
    {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final CountingAgent agent = new CountingAgent()
        {
            @Override
            public void onStart()
            {
                super.onStart();
                throw new IllegalStateException("cannot bind");
            }
        };
        final AgentRunner runner = new AgentRunner(agent, new YieldingIdleStrategy(), errors::add);
        final Thread thread = AgentRunner.start(runner, Thread.ofPlatform()::unstarted);
        thread.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(thread.isAlive()).as("the thread ended by itself").isFalse();
        assertThat(agent.cycles.get()).as("no duty cycle after a failed start").isZero();
        assertThat(agent.closes.get()).isEqualTo(1);
        assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("cannot bind");
        assertThat(runner.errorCount()).isEqualTo(1);
    }

    @Test
    void anErrorFromACycleIsReportedClosesTheAgentAndKillsItsThread() throws Exception
    {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        final CountingAgent agent = new CountingAgent()
        {
            @Override
            public int doWork()
            {
                if (cycles.incrementAndGet() == 3)
                {
                    throw new OutOfMemoryError("pretend");
                }
                return 0;
            }
        };
        final AgentRunner runner = new AgentRunner(agent, new YieldingIdleStrategy(), errors::add);
        final Thread thread = Thread.ofPlatform().uncaughtExceptionHandler((t,
            ex) -> uncaught.add(ex)).unstarted(runner);
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(thread.isAlive()).isFalse();
        assertThat(agent.cycles.get()).as("no cycle after the Error").isEqualTo(3);
        assertThat(agent.closes.get()).isEqualTo(1);
        assertThat(errors).singleElement().isInstanceOf(OutOfMemoryError.class);
        assertThat(uncaught).as("thrown on, for the thread's uncaught-exception handler").singleElement().isSameAs(errors.get(0));
        assertThat(runner.errorCount()).isEqualTo(1);
    }

    @Test
    void eachCycleThatDidWorkIsTimedAndIdleCyclesAreNot() throws Exception
    {
        final List<Long> cycles = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        final Agent agent = new Agent()
        {
            @Override
            public int doWork() throws Exception
            {
                final int call = calls.incrementAndGet();
                if (call % 2 == 0)
                {
                    return 0; // idle: not timed
                }
                Thread.sleep(2);
                return 1;
            }

            @Override
            public String roleName()
            {
                return "timed";
            }
        };
        final AgentRunner runner = new AgentRunner(agent, new YieldingIdleStrategy(), null, cycles::add);
        AgentRunner.start(runner, Thread.ofPlatform()::unstarted);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (cycles.size() < 5)
        {
            assertThat(System.nanoTime() - deadline).as("timed cycles").isNegative();
            Thread.sleep(1);
        }
        runner.close();
        assertThat(cycles).allSatisfy(nanos -> assertThat(nanos).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(2)));
        assertThat((long)cycles.size()).as("only the cycles that did work").isEqualTo((calls.get() + 1) / 2);
    }

    @Test
    void anInvokerFollowsTheRunnersRulesForAFailedStartAndAnError()
    {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final CountingAgent unstartable = new CountingAgent()
        {
            @Override
            public void onStart()
            {
                throw new IllegalStateException("cannot bind");
            }
        };
        final AgentInvoker first = new AgentInvoker(unstartable, errors::add);
        assertThat(first.invoke()).isZero();
        assertThat(first.invoke()).isZero();
        assertThat(unstartable.cycles.get()).as("no cycle after a failed start").isZero();
        assertThat(unstartable.closes.get()).isEqualTo(1);
        assertThat(first.isClosed()).isTrue();

        final CountingAgent dying = new CountingAgent()
        {
            @Override
            public int doWork()
            {
                throw new StackOverflowError("pretend");
            }
        };
        final AgentInvoker second = new AgentInvoker(dying, errors::add);
        org.assertj.core.api.Assertions.assertThatThrownBy(second::invoke).isInstanceOf(StackOverflowError.class);
        assertThat(dying.closes.get()).isEqualTo(1);
        assertThat(second.invoke()).as("closed: no more cycles").isZero();
        assertThat(errors).extracting(Throwable::getMessage).containsExactly("cannot bind", "pretend");
    }
}
