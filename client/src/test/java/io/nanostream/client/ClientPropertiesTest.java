package io.nanostream.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A client's system properties: each read strictly, a bad value named with its property, never a silent default. */
class ClientPropertiesTest
{
    @Test
    void unsetPropertiesGiveTheDefaults()
    {
        final ClientContext context = new ClientContext();
        assertThat(context.driverTimeout()).isEqualTo(ClientProperties.DRIVER_TIMEOUT.defaultValue());
        assertThat(context.connectTimeout()).as("the driver timeout").isEqualTo(context.driverTimeout());
        assertThat(context.dutyCycleThreshold()).isEqualTo(ClientProperties.DUTY_CYCLE_THRESHOLD.defaultValue());
        assertThat(context.preTouchLogs()).isTrue();
    }

    @Test
    void aValueThatDoesNotParseOrBreaksItsRuleIsAnErrorNamingTheProperty()
    {
        refused(ClientProperties.DRIVER_TIMEOUT.name(), "ten seconds", "is not a number of milliseconds (1 or more)");
        refused(ClientProperties.DRIVER_TIMEOUT.name(), "0", "is not a number of milliseconds (1 or more)");
        refused(ClientProperties.CONNECT_TIMEOUT.name(), "-5", "is not a number of milliseconds (0 or more)");
        refused(ClientProperties.DUTY_CYCLE_THRESHOLD.name(), "0", "is not a number of milliseconds (1 or more)");
        refused(ClientProperties.PRE_TOUCH_LOGS.name(), "no", "is not true or false; fix or unset it");
    }

    @Test
    void goodValuesAreRead()
    {
        System.setProperty(ClientProperties.CONNECT_TIMEOUT.name(), "0");
        System.setProperty(ClientProperties.PRE_TOUCH_LOGS.name(), "FALSE");
        try
        {
            final ClientContext context = new ClientContext();
            assertThat(context.connectTimeout()).isZero();
            assertThat(context.preTouchLogs()).isFalse();
        }
        finally
        {
            System.clearProperty(ClientProperties.CONNECT_TIMEOUT.name());
            System.clearProperty(ClientProperties.PRE_TOUCH_LOGS.name());
        }
    }

    private static void refused(final String property, final String value, final String reason)
    {
        System.setProperty(property, value);
        try
        {
            assertThatThrownBy(ClientContext::new).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(property + "=" + value).hasMessageContaining(reason);
        }
        finally
        {
            System.clearProperty(property);
        }
    }
}
