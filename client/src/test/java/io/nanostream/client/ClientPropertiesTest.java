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
        assertThat(context.driverTimeout()).isEqualTo(Duration.ofMillis(ClientProperties.DRIVER_TIMEOUT_DEFAULT_MS));
        assertThat(context.connectTimeout()).as("the driver timeout").isEqualTo(context.driverTimeout());
        assertThat(context.dutyCycleThreshold()).isEqualTo(Duration.ofMillis(ClientProperties.DUTY_CYCLE_THRESHOLD_DEFAULT_MS));
        assertThat(context.preTouchLogs()).isTrue();
    }

    @Test
    void aValueThatDoesNotParseOrBreaksItsRuleIsAnErrorNamingTheProperty()
    {
        refused(ClientProperties.DRIVER_TIMEOUT, "ten seconds", "is not a number of milliseconds (1 or more)");
        refused(ClientProperties.DRIVER_TIMEOUT, "0", "is not a number of milliseconds (1 or more)");
        refused(ClientProperties.CONNECT_TIMEOUT, "-5", "is not a number of milliseconds (0 or more)");
        refused(ClientProperties.DUTY_CYCLE_THRESHOLD, "0", "is not a number of milliseconds (1 or more)");
        refused(ClientProperties.PRE_TOUCH_LOGS, "no", "is neither true nor false");
    }

    @Test
    void goodValuesAreRead()
    {
        System.setProperty(ClientProperties.CONNECT_TIMEOUT, "0");
        System.setProperty(ClientProperties.PRE_TOUCH_LOGS, "FALSE");
        try
        {
            final ClientContext context = new ClientContext();
            assertThat(context.connectTimeout()).isZero();
            assertThat(context.preTouchLogs()).isFalse();
        }
        finally
        {
            System.clearProperty(ClientProperties.CONNECT_TIMEOUT);
            System.clearProperty(ClientProperties.PRE_TOUCH_LOGS);
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
