package io.nanostream.ring.graph;

import io.nanostream.ring.RingBuffer;
import io.nanostream.ring.internal.RingInternals;
import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
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
        assertThatThrownBy(() -> RingInternals.register(RingInternals.get()))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("registered already");
    }
}
