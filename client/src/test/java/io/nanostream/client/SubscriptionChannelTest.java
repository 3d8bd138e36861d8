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
}
