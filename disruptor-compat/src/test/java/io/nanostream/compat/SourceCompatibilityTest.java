package io.nanostream.compat;

import io.nanostream.concurrent.Sequence;
import io.nanostream.ring.RingBuffer;
import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the module's claim: its test files are Disruptor 4 code with the imports changed and the
 * renames of README's "Moving from the Disruptor" table applied. It maps every file back through that
 * table (read from README.md, so the table cannot drift from what is tested), compiles the result
 * against Disruptor 4.0.0 alone, and runs it there in a JVM of its own: the same tests pass on both.
 */
class SourceCompatibilityTest
{
    private static final Set<String> INFRASTRUCTURE = Set.of("SourceCompatibilityTest.java", "DisruptorRun.java");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([\\w.*]+)`\\s*\\|\\s*`([\\w.*]+)`\\s*\\|.*$");
    private static final Pattern IMPORT = Pattern.compile("^(import\\s+(?:static\\s+)?)(io\\.nanostream\\.[\\w.]+)(\\s*;)", Pattern.MULTILINE);

    /** README's table, ours to the Disruptor's: fully qualified names, and the one package row. */
    record Table(Map<String, String> classes, String ourPackage, String theirPackage)
    {
        String mapImport(final String ours)
        {
            for (final Map.Entry<String, String> row : classes.entrySet())
            {
                if (ours.equals(row.getKey()) || ours.startsWith(row.getKey() + "."))
                {
                    return row.getValue() + ours.substring(row.getKey().length());
                }
            }
            if (ours.startsWith(ourPackage + ".") && Character.isUpperCase(ours.charAt(ourPackage.length() + 1)))
            {
                return theirPackage + ours.substring(ourPackage.length());
            }
            throw new AssertionError("README's table has no row for " + ours);
        }

        String mapBack(final String source)
        {
            final Matcher imports = IMPORT.matcher(source);
            final StringBuilder mapped = new StringBuilder();
            while (imports.find())
            {
                imports.appendReplacement(mapped, Matcher.quoteReplacement(imports.group(1) +
                    mapImport(imports.group(2)) + imports.group(3)));
            }
            imports.appendTail(mapped);
            String result = mapped.toString();
            for (final Map.Entry<String, String> row : classes.entrySet())
            {
                final String ourName = simpleName(row.getKey());
                final String theirName = simpleName(row.getValue());
                if (!ourName.equals(theirName))
                {
                    result = result.replaceAll("\\b" + ourName + "\\b", theirName);
                }
            }
            return result;
        }

        private static String simpleName(final String qualified)
        {
            return qualified.substring(qualified.lastIndexOf('.') + 1);
        }
    }

    static Table readTable(final Path readme) throws IOException
    {
        final List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        final int start = indexOf(lines, "<!-- compat-table");
        final int end = indexOf(lines, "<!-- /compat-table");
        final Map<String, String> classes = new LinkedHashMap<>();
        String ourPackage = null;
        String theirPackage = null;
        for (final String line : lines.subList(start + 1, end))
        {
            final Matcher row = ROW.matcher(line.trim());
            if (!row.matches())
            {
                continue;
            }
            if (row.group(1).endsWith(".*"))
            {
                theirPackage = row.group(1).substring(0, row.group(1).length() - 2);
                ourPackage = row.group(2).substring(0, row.group(2).length() - 2);
            }
            else
            {
                classes.put(row.group(2), row.group(1));
            }
        }
        assertThat(ourPackage).as("README's table maps a package").isNotNull();
        assertThat(classes).as("README's table rows").isNotEmpty();
        return new Table(classes, ourPackage, theirPackage);
    }

    private static int indexOf(final List<String> lines, final String marker)
    {
        for (int i = 0; i < lines.size(); i++)
        {
            if (lines.get(i).startsWith(marker))
            {
                return i;
            }
        }
        throw new AssertionError("README.md has no line starting " + marker);
    }

    @Test
    void theTestsAreDisruptorCodeAndPassAgainstTheDisruptor() throws Exception
    {
        final Table table = readTable(Path.of(System.getProperty("compat.readme")));
        final Path sources = Path.of(System.getProperty("compat.sources"), "io", "nanostream", "compat");
        final Path work = Path.of(System.getProperty("compat.work"));
        deleteRecursively(work);
        final Path mappedSources = Files.createDirectories(work.resolve("src/io/nanostream/compat"));
        final Path classes = Files.createDirectories(work.resolve("classes"));
        final List<Path> mapped = new ArrayList<>();
        final List<String> testClasses = new ArrayList<>();
        try (Stream<Path> files = Files.list(sources))
        {
            for (final Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList())
            {
                final String name = file.getFileName().toString();
                if (INFRASTRUCTURE.contains(name))
                {
                    continue;
                }
                final String source = table.mapBack(Files.readString(file, StandardCharsets.UTF_8));
                assertThat(source).as(name +
                    " mapped back").doesNotContain("io.nanostream.ring").doesNotContain("io.nanostream.concurrent");
                final Path target = mappedSources.resolve(name);
                Files.writeString(target, source, StandardCharsets.UTF_8);
                mapped.add(target);
                if (source.contains("@Test") || source.contains("@ParameterizedTest"))
                {
                    testClasses.add("io.nanostream.compat." + name.substring(0, name.length() - ".java".length()));
                }
            }
        }
        assertThat(testClasses).as("compatibility test classes").hasSizeGreaterThanOrEqualTo(10);

        final String classPath = disruptorClassPath();
        compile(mapped, classes, classPath);

        final Path log = work.resolve("disruptor-run.log");
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
            "java").toString(), "-cp", classes + File.pathSeparator + classPath, DisruptorRun.class.getName()));
        command.addAll(testClasses);
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // a JVM of its own running every compatibility test: minutes on a busy machine
        if (!process.waitFor(600, TimeUnit.SECONDS))
        {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("the run against the Disruptor did not finish in 600 s; its output so far:\n" +
                Files.readString(log));
        }
        final String output = Files.readString(log);
        assertThat(process.exitValue()).as("the same tests against Disruptor 4.0.0:\n" + output).isZero();
        assertThat(output).contains("tests successful");
    }

    /** The tests' class path without our ring, so that the Disruptor (a test dependency here) stands in for it. */
    private static String disruptorClassPath() throws URISyntaxException
    {
        final Set<Path> ours = Set.of(location(RingBuffer.class), location(Sequence.class));
        final Path here = location(SourceCompatibilityTest.class);
        final String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        final List<String> kept = new ArrayList<>();
        for (final String entry : full.split(File.pathSeparator))
        {
            if (entry.isBlank())
            {
                continue;
            }
            final Path path = Path.of(entry).toAbsolutePath();
            if (!ours.contains(path) && !path.equals(here))
            {
                kept.add(entry);
            }
        }
        assertThat(String.join(File.pathSeparator,
            kept)).as("the Disruptor is on the test class path").contains("disruptor-4.0.0.jar");
        kept.add(here.toString()); // last: only DisruptorRun is taken from here, the tests come from the Disruptor build first
        return String.join(File.pathSeparator, kept);
    }

    private static Path location(final Class<?> type) throws URISyntaxException
    {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
    }

    private static void compile(final List<Path> files, final Path classes, final String classPath) throws IOException
    {
        final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        final DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager manager = compiler.getStandardFileManager(diagnostics, null,
            StandardCharsets.UTF_8))
        {
            final List<String> options = List.of("-d", classes.toString(), "-classpath", classPath, "-proc:none",
                "-Xlint:none", "--release", String.valueOf(Runtime.version().feature()));
            final boolean compiled = compiler.getTask(null, manager, diagnostics, options, null,
                manager.getJavaFileObjectsFromPaths(files)).call();
            final StringBuilder errors = new StringBuilder();
            for (final Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics())
            {
                if (diagnostic.getKind() == Diagnostic.Kind.ERROR)
                {
                    errors.append(diagnostic.getSource() == null ?
                        "" : Path.of(diagnostic.getSource().toUri()).getFileName())
                        .append(':').append(diagnostic.getLineNumber()).append(": ").append(diagnostic.getMessage(null)).append('\n');
                }
            }
            assertThat(compiled).as("mapped back to the Disruptor's names, the tests compile against Disruptor 4.0.0:\n" + errors).isTrue();
        }
    }

    private static void deleteRecursively(final Path root) throws IOException
    {
        if (Files.exists(root))
        {
            try (Stream<Path> paths = Files.walk(root))
            {
                for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.delete(path);
                }
            }
        }
    }
}
