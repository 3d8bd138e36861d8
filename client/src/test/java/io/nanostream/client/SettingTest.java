package io.nanostream.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A setting reads its property strictly: unset or blank is the default, a value it cannot parse names the property. */
class SettingTest
{
    private static final String NAME = "nanostream.test.setting." + ProcessHandle.current().pid();

    @Test
    void unsetAndBlankReadAsTheDefault()
    {
        final Setting<Integer> setting = Setting.count(NAME, 7);
        assertThat(setting.read()).isEqualTo(7);
        withProperty("   ", () -> assertThat(setting.read()).isEqualTo(7));
        assertThat(setting.name()).isEqualTo(NAME);
        assertThat(setting.defaultValue()).isEqualTo(7);
        assertThat("-D" + setting + "=1").isEqualTo("-D" + NAME + "=1");
    }

    @Test
    void eachParserReadsItsFormAroundWhitespace()
    {
        withProperty(" 42 ", () -> assertThat(Setting.count(NAME, 0).read()).isEqualTo(42));
        withProperty("-3", () -> assertThat(Setting.number(NAME, 0).read()).isEqualTo(-3L));
        withProperty("250", () -> assertThat(Setting.millis(NAME, 1, 0).read()).isEqualTo(Duration.ofMillis(250)));
        withProperty("TRUE", () -> assertThat(Setting.flag(NAME, false).read()).isTrue());
        withProperty("seconds", () -> assertThat(Setting.choice(NAME, TimeUnit.class, TimeUnit.DAYS).read())
            .isEqualTo(TimeUnit.SECONDS));
        withProperty(" /tmp/x ", () -> assertThat(Setting.text(NAME, null).read()).isEqualTo("/tmp/x"));
    }

    @Test
    void aValueOutOfFormIsAnErrorNamingThePropertyTheValueAndTheForm()
    {
        refused(Setting.count(NAME, 0), "1.5", "a whole number");
        refused(Setting.count(NAME, 0), "3000000000", "a whole number");
        refused(Setting.number(NAME, 0), "x", "a whole number");
        refused(Setting.millis(NAME, 1, 1), "0", "a number of milliseconds (1 or more)");
        refused(Setting.flag(NAME, false), "yes", "true or false");
        refused(Setting.choice(NAME, TimeUnit.class, TimeUnit.DAYS), "fortnights", "one of [NANOSECONDS");
    }

    private static void refused(final Setting<?> setting, final String value, final String form)
    {
        withProperty(value, () -> assertThatThrownBy(setting::read).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("system property " + NAME + "=" + value + " is not " + form)
            .hasMessageEndingWith("; fix or unset it"));
    }

    private static void withProperty(final String value, final Runnable check)
    {
        System.setProperty(NAME, value);
        try
        {
            check.run();
        }
        finally
        {
            System.clearProperty(NAME);
        }
    }
}
