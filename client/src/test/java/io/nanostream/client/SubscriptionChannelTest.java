package io.nanostream.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionChannelTest
{
    @Test
    void publicationOnlyParametersOnASubscriptionChannelAreNamedForTheWarning()
    {
        assertThat(NanoStream.ignoredBySubscriptions(ChannelUri.parse("nano:ipc?term-length=64k"))).containsExactly("term-length");
        assertThat(NanoStream.ignoredBySubscriptions(ChannelUri.parse("nano:udp?endpoint=224.0.1.7:40124|ttl=4|fc=min|mtu=8k")))
            .containsExactly("fc", "mtu", "ttl");
    }

    @Test
    void parametersASubscriptionUsesAreNotWarnedAbout()
    {
        assertThat(NanoStream.ignoredBySubscriptions(ChannelUri.parse("nano:udp?endpoint=0.0.0.0:40123|interface=127.0.0.1|session-id=7")))
            .isEmpty();
        assertThat(NanoStream.ignoredBySubscriptions(ChannelUri.parse("nano:ipc"))).isEmpty();
    }

    @Test
    void aChannelForASubscriptionKeepsWhatASubscriptionUsesAndDropsTheRest()
    {
        assertThat(ChannelUri.parse("nano:udp?endpoint=224.0.1.7:40124|ttl=4|fc=min|mtu=8k|interface=127.0.0.1").forSubscription())
            .hasToString("nano:udp?endpoint=224.0.1.7:40124|interface=127.0.0.1");
        assertThat(ChannelUri.parse("nano-spy:nano:udp?endpoint=127.0.0.1:40123|term-length=64k").forSubscription())
            .hasToString("nano-spy:nano:udp?endpoint=127.0.0.1:40123");
        final ChannelUri plain = ChannelUri.parse("nano:ipc");
        assertThat(plain.forSubscription()).isSameAs(plain);
        assertThat(NanoStream.ignoredBySubscriptions(ChannelUri.parse("nano:ipc?term-length=64k|mtu=8k").forSubscription())).isEmpty();
    }
}
