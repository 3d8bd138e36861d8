package io.nanostream.ring.graph;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.ExceptionHandler;
import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.SequenceBarrier;
import io.nanostream.ring.WorkHandler;
import io.nanostream.ring.WorkerPool;
import io.nanostream.ring.internal.RingInternals;
import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RingInternalsTest
{
    @Test
    void theHooksTheGraphUsesAreNotPartOfTheModulesApi() throws Exception
    {
        final Path classes = Path.of(RingBuffer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        final ModuleDescriptor descriptor = ModuleFinder.of(classes).findAll().iterator().next().descriptor();
        assertThat(descriptor.name()).isEqualTo("io.nanostream.ring");
        assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
            .containsExactlyInAnyOrder("io.nanostream.ring", "io.nanostream.ring.dsl", "io.nanostream.ring.graph");
    }

    @Test
    void theRingRegistersItsHooksOnceAndRefusesAnother()
    {
        assertThat(RingInternals.get()).isNotNull();
        assertThat(RingInternals.get().getClass().getName()).isEqualTo("io.nanostream.ring.RingPackageInternals");
        assertThatThrownBy(() -> RingInternals.register(RingInternals.get()))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("registered already");
    }

    @Test
    void codeOnTheClassPathCannotTakeTheRingsPlace()
    {
        final RingInternals impostor = new RingInternals()
        {
            @Override
            public void addGatingSequencesAsIs(final RingBuffer<?> ring, final Sequence... sequences)
            {
            }

            @Override
            public <E> WorkerPool<E> newWorkerPool(
                final RingBuffer<E> ring, final SequenceBarrier barrier,
                final ExceptionHandler<? super E> exceptionHandler, final Consumer<Throwable> fatalErrorListener,
                final WorkHandler<? super E>[] handlers)
            {
                return null;
            }

            @Override
            public void startAt(final WorkerPool<?> pool, final long lastDone, final ThreadFactory threadFactory)
            {
            }

            @Override
            public List<Thread> threads(final WorkerPool<?> pool)
            {
                return List.of();
            }

            @Override
            public boolean hasHandler(final WorkerPool<?> pool, final Object handler)
            {
                return false;
            }
        };
        assertThatThrownBy(() -> RingInternals.register(impostor))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only RingBuffer registers them");
    }
}
