package io.nanostream.cli;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.RegistrationException;
import io.nanostream.client.Subscription;
import io.nanostream.driver.MediaDriver;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitoringCommandsTest
{
    @Test
    void statShowsPublicationsSubscribersAndLagAndErrorsShowsTheDriversErrors()
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded();
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription subscription = client.addSubscription("nano:ipc", 3);
             Publication publication = client.addPublication("nano:ipc?term-length=64k", 3))
        {
            final AtomicBuffer message = AtomicBuffer.allocateHeap(128);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int sent = 0;
            while (sent < 100 && System.nanoTime() < deadline)
            {
                if (publication.offer(message, 0, 100) > 0)
                {
                    sent++;
                }
            }
            assertThat(sent).isEqualTo(100);
            assertThatThrownBy(() -> client.addSubscription("nano:udp?control=127.0.0.1:9|control-mode=dynamic", 3))
                .isInstanceOf(RegistrationException.class);

            final String stat = CliOutput.run("stat", "--dir", driver.directory().toString(), "--once", "--interval-ms", "100");
            assertThat(stat).contains("heartbeat").contains("pub-lmt").contains("pub-pos").contains("sub-pos")
                .contains("lag of subscriber " + subscription.registrationId() + " (stream 3").contains("16,000 bytes"); // 100 frames of 32 + 100 bytes, aligned to 160
            final String errors = CliOutput.run("errors", "--dir", driver.directory().toString());
            assertThat(errors).contains("control-mode=dynamic is for publications");
            // the refused registration is the one error this test causes, but a busy machine may add others the driver
            // rightly records (a client descheduled mid-command past the liveness timeout): the total must be the
            // number of errors listed, whatever it is
            final Matcher total = Pattern.compile("(\\d+) distinct error\\(s\\) in ").matcher(errors);
            assertThat(total.find()).as(errors).isTrue();
            assertThat(Long.parseLong(total.group(1))).as(errors)
                .isEqualTo(Pattern.compile("observation\\(s\\) from ").matcher(errors).results().count());
        }
    }

    @Test
    void statShowsEachNativeFeatureAndWhereEachAgentRuns()
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded())
        {
            final String stat = CliOutput.run("stat", "--dir", driver.directory().toString(), "--once", "--interval-ms", "10");
            assertThat(stat).containsPattern("feature +0 +affinity: off: not requested \\(nanostream.affinity unset\\)")
                .containsPattern("agent +tid +cpus allowed +last cpu")
                .containsPattern("\\nconductor +\\d+  [0-9,-]+ +\\d+")
                .containsPattern("\\nsender +\\d+  [0-9,-]+ +\\d+")
                .containsPattern("\\nreceiver +\\d+  [0-9,-]+ +\\d+")
                .containsPattern("feature +0 +hugepages: off: tmpfs huge=never has no huge pages; set nanostream.log.dir");
            final String json = CliOutput.run("stat", "--dir", driver.directory().toString(), "--json", "--interval-ms", "10");
            assertThat(json).contains("\"type\":\"feature\",\"type_id\":11,\"value\":0,");
        }
    }
}
