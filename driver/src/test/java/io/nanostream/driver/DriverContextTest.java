package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.BroadcastDescriptor;
import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.buffer.MappedFile;
import io.nanostream.buffer.MessageRingDescriptor;
import io.nanostream.client.ClientContext;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Setting;
import io.nanostream.client.Subscription;
import io.nanostream.client.protocol.ControlFile;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configuration is checked as a whole before launch, and every bad value is named with its fix. */
class DriverContextTest
{
    @Test
    void theDefaultsPass()
    {
        new DriverContext().conclude();
    }

    @Test
    void everyBadValueIsReportedAtOnceWithItsPropertyAndFix()
    {
        final DriverContext context = new DriverContext().ipcTermLength(100_000).mtu(1400).receiverWindow(512)
            .clientLivenessTimeout(Duration.ofSeconds(20)).publicationLinger(Duration.ofMillis(-1));
        context.idleStrategies().sender("fast");

        assertThatThrownBy(context::conclude).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("6 problems")
            .hasMessageContaining(DriverProperties.IPC_TERM_LENGTH.name() +
            "=100000 is not a power of two from 64k to 1g")
            .hasMessageContaining(DriverProperties.MTU_LENGTH.name() + "=1400 is not a multiple of 32")
            .hasMessageContaining(DriverProperties.RECEIVER_WINDOW.name() + "=512 is less than the MTU")
            .hasMessageContaining(DriverProperties.SENDER_IDLE_STRATEGY.name() + ": unknown idle strategy 'fast'")
            .hasMessageContaining("make the unblock timeout the longer of the two")
            .hasMessageContaining(DriverProperties.PUBLICATION_LINGER.name());
    }

    @Test
    void aLaunchWithABadConfigurationCreatesNothing()
    {
        final DriverContext context = new DriverContext().directory(java.nio.file.Path.of("target",
            "never-created-driver")).mtu(17);
        assertThatThrownBy(() -> MediaDriver.launch(context)).hasMessageContaining(DriverProperties.MTU_LENGTH.name() +
            "=17");
        assertThat(java.nio.file.Path.of("target", "never-created-driver")).doesNotExist();
    }

    @Test
    void sizesTakeSuffixesAndNonsenseNamesTheProperty()
    {
        assertThat(DriverProperties.parseSize("x", "65536")).isEqualTo(65_536);
        assertThat(DriverProperties.parseSize("x", "64k")).isEqualTo(65_536);
        assertThat(DriverProperties.parseSize("x", "16M")).isEqualTo(16 << 20);
        assertThat(DriverProperties.parseSize("x", "1g")).isEqualTo(1 << 30);
        for (final String bad : new String[] {"abc", "2g", "-1", "16q", "", "9999999999999k"})
        {
            assertThatThrownBy(() -> DriverProperties.parseSize(DriverProperties.IPC_TERM_LENGTH.name(), bad))
                .hasMessageStartingWith(DriverProperties.IPC_TERM_LENGTH.name() + "=" + bad + " is not a size");
        }
        refused(DriverProperties.IPC_TERM_LENGTH, "16q", "is not a size: bytes, or a number with k, m or g");
        refused(DriverProperties.MAX_IMAGE_LOG_BYTES, "lots", "is not a size: bytes, or a number with k, m, g or t");
    }

    @Test
    void aPropertyThatDoesNotParseIsAnErrorNotTheDefault()
    {
        System.setProperty(DriverProperties.CLIENT_LIVENESS_TIMEOUT.name(), "ten seconds");
        System.setProperty(DriverProperties.THREADING_MODE.name(), "threads");
        try
        {
            assertThatThrownBy(DriverContext::new).hasMessageContaining(DriverProperties.THREADING_MODE.name() +
                "=threads is not one of [DEDICATED, SHARED, INVOKER]");
            System.clearProperty(DriverProperties.THREADING_MODE.name());
            assertThatThrownBy(DriverContext::new)
                .hasMessageContaining(DriverProperties.CLIENT_LIVENESS_TIMEOUT.name() +
                "=ten seconds is not a number of milliseconds");
            System.setProperty(DriverProperties.CLIENT_LIVENESS_TIMEOUT.name(), "2000");
            System.setProperty(DriverProperties.IPC_TERM_LENGTH.name(), "64k");
            final DriverContext context = new DriverContext();
            assertThat(context.clientLivenessTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(context.ipcTermLength()).isEqualTo(65_536);
        }
        finally
        {
            System.clearProperty(DriverProperties.CLIENT_LIVENESS_TIMEOUT.name());
            System.clearProperty(DriverProperties.THREADING_MODE.name());
            System.clearProperty(DriverProperties.IPC_TERM_LENGTH.name());
        }
    }

    @Test
    void flagsAndTheLossSeedAreReadStrictlyToo()
    {
        // each of these fell back to its default in silence before every property became a Setting
        refused(DriverProperties.UDP_OFFLOAD, "off", "is not true or false");
        refused(DriverProperties.SPARSE_FILES, "yes", "is not true or false");
        refused(DriverProperties.LOSS_SEED, "seven", "is not a whole number");
        refused(DriverProperties.RECEIVE_LOSS_RATE, "2", "is not a rate from 0 to 1");
    }

    private static void refused(final Setting<?> setting, final String value, final String reason)
    {
        System.setProperty(setting.name(), value);
        try
        {
            assertThatThrownBy(DriverContext::new).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(setting + "=" + value + " " + reason);
        }
        finally
        {
            System.clearProperty(setting.name());
        }
    }

    @Test
    void everyPropertyIsOneSettingWithADistinctName() throws Exception
    {
        final Set<String> names = new HashSet<>();
        for (final Field field : DriverProperties.class.getFields())
        {
            assertThat(field.getType()).as(field.getName()).isEqualTo(Setting.class);
            final Setting<?> setting = (Setting<?>)field.get(null);
            assertThat(setting.name()).startsWith("nanostream.");
            assertThat(names.add(setting.name())).as("%s is declared once", setting.name()).isTrue();
        }
        assertThat(names).hasSizeGreaterThan(40);
    }

    @Test
    void networkLimitsHaveSaneDefaultsAndBadOnesAreNamed()
    {
        final NetworkLimits defaults = new DriverContext().networkLimits();
        assertThat(defaults.maxTermLength()).isEqualTo(64 * 1024 * 1024);
        assertThat(defaults.maxImagesPerEndpoint()).isEqualTo(64);
        assertThat(defaults.maxImages()).isEqualTo(256);
        assertThat(defaults.imageCreationsPerSecond()).isEqualTo(16);

        final DriverContext context = new DriverContext();
        context.networkLimits().maxTermLength(100_000).maxImagesPerEndpoint(0).maxImages(-1).imageCreationsPerSecond(0);
        assertThatThrownBy(context::conclude).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("4 problems")
            .hasMessageContaining(DriverProperties.MAX_NETWORK_TERM_LENGTH.name() + "=100000 is not a power of two")
            .hasMessageContaining(DriverProperties.MAX_IMAGES_PER_ENDPOINT.name() + "=0")
            .hasMessageContaining(DriverProperties.MAX_IMAGES.name() + "=-1")
            .hasMessageContaining(DriverProperties.IMAGE_CREATIONS_PER_SECOND.name() + "=0");
    }

    @Test
    void eachAgentHasAnIdleStrategyOfItsOwn()
    {
        final DriverContext context = new DriverContext();
        context.idleStrategies().conductor("backoff").sender("spin").receiver("yield").shared("sleep");
        assertThat(List.of(context.idleStrategies().conductor(), context.idleStrategies().sender(),
            context.idleStrategies().receiver(), context.idleStrategies().shared())).containsExactly("backoff", "spin",
            "yield", "sleep");
        context.conclude();
        context.idleStrategies().receiver("fast");
        assertThatThrownBy(context::conclude).hasMessageContaining("1 problem:")
            .hasMessageContaining(DriverProperties.RECEIVER_IDLE_STRATEGY.name() + ": unknown idle strategy 'fast'");
        assertThat(new DriverContext().idleStrategy("yield").idleStrategies().shared()).as("idleStrategy sets them all").isEqualTo("yield");
    }

    @Test
    void theControlFileSizesAreSettingsAndBadOnesAreNamed()
    {
        final DriverContext context = new DriverContext();
        context.controlFileSizes().commandRingLength(100_000).broadcastLength(1024).counterCount(10).errorLogLength(1);
        assertThatThrownBy(context::conclude).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("4 problems")
            .hasMessageContaining(DriverProperties.COMMAND_RING_LENGTH.name() +
            "=100000 is not a power of two from 64k to 1g")
            .hasMessageContaining(DriverProperties.BROADCAST_LENGTH.name() +
            "=1024 is not a power of two from 64k to 1g")
            .hasMessageContaining(DriverProperties.COUNTER_COUNT.name() + "=10 is not from 256 to 1048576")
            .hasMessageContaining(DriverProperties.ERROR_LOG_LENGTH.name() + "=1 is not from 64k to 1g");
        final DriverContext huge = new DriverContext();
        huge.controlFileSizes().commandRingLength(1 << 30).broadcastLength(1 << 30);
        assertThatThrownBy(huge::conclude).hasMessageContaining("1 problem:").hasMessageContaining("over 2 GiB: lower");
    }

    @Test
    void aDriverMakesItsControlFileToTheSizesAndClientsReadThemFromIt() throws Exception
    {
        final DriverContext context = UdpRoundTripTest.context(ThreadingMode.SHARED);
        context.controlFileSizes().commandRingLength(64 * 1024).broadcastLength(128 * 1024).counterCount(4096).errorLogLength(256 * 1024);
        try (MediaDriver driver = MediaDriver.launch(context);
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription subscription = client.addSubscription("nano:ipc", 9);
             Publication publication = client.addPublication("nano:ipc", 9))
        {
            try (MappedFile mapping = MappedFile.open(driver.directory().resolve(ControlFile.FILE_NAME)))
            {
                final ControlFile control = new ControlFile(mapping.buffer());
                assertThat(control.commandRing().capacity()).isEqualTo(64 * 1024 +
                    MessageRingDescriptor.TRAILER_LENGTH);
                assertThat(control.broadcast().capacity()).isEqualTo(128 * 1024 + BroadcastDescriptor.TRAILER_LENGTH);
                assertThat(control.countersValues().capacity()).isEqualTo(4096L * CountersDescriptor.VALUE_LENGTH);
                assertThat(control.errorLog().capacity()).isEqualTo(256 * 1024);
            }
            final AtomicBuffer message = AtomicBuffer.allocateHeap(8);
            message.putLong(0, 77);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (publication.offer(message, 0, 8) < 0)
            {
                assertThat(System.nanoTime()).as("offer").isLessThan(deadline);
                Thread.yield();
            }
            final long[] received = {0};
            while (subscription.poll((buffer, offset, length, header) -> received[0] = buffer.getLong(offset), 1) == 0)
            {
                assertThat(System.nanoTime()).as("poll").isLessThan(deadline);
                Thread.yield();
            }
            assertThat(received[0]).isEqualTo(77);
        }
    }
}
