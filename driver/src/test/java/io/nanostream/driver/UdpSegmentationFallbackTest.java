package io.nanostream.driver;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A route whose MTU cannot carry a channel's datagrams whole: the kernel refuses to segment (EMSGSIZE; EINVAL on older
 * kernels) and the batched sender must fall back to one datagram per message, losing nothing. Before the fallback each
 * refused batch counted as lost and had to be repaired by NAK, and the sender kept segmenting (and failing) batch after
 * batch. Runs in a network namespace of its own (as root, with
 * {@code unshare}), whose loopback gets a 1500-byte MTU; the child JVM enables native access and batching itself.
 */
class UdpSegmentationFallbackTest
{
    @Test
    void aRouteThatCannotCarryTheSegmentsGetsSingleDatagramsAndLosesNothing() throws Exception
    {
        assumeTrue(run("id", "-u").output.trim().equals("0") && run("unshare", "-n", "true").exitCode == 0,
            "needs root and unshare(1) for a network namespace with a small loopback MTU");
        final String java = ProcessHandle.current().info().command().orElse("java");
        final String child = String.join(" ", java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp", "'" +
            System.getProperty("java.class.path") + "'", SegmentationFallbackMain.class.getName());
        final Run result = run("unshare", "-n", "sh", "-c", "ip link set lo mtu 1500 up && exec " + child);
        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("transferred");
        final List<String> lines = result.output.lines().toList();
        // every message arrived in order (UdpTransfer checks each): nothing was lost, whatever loopback dropped
        // and NAKs repaired segmenting stayed off after the refusal: had it gone on, every batch of 4 KiB
        // datagrams would have failed too (thousands of errors). How many segmented messages went before the
        // refusal depends on timing: under load the first datagrams can be short enough to segment within the
        // route's MTU, so that count is not asserted.
        assertThat(value(lines,
            "socket errors")).as("the refusal that turned segmenting off, not one per batch (thousands)")
            .isBetween(1L, 10L);
    }

    private static long value(final List<String> lines, final String name)
    {
        return lines.stream().filter(line -> line.startsWith(name +
            " ")).mapToLong(line -> Long.parseLong(line.substring(name.length() + 1)))
            .findFirst().orElseThrow(() -> new AssertionError("no '" + name + "' in " + lines));
    }

    private record Run(int exitCode, String output)
    {
    }

    private static Run run(final String... command) throws Exception
    {
        final List<String> args = new ArrayList<>(List.of(command));
        final Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes());
        return new Run(process.waitFor(), output);
    }
}
