package dev.switchboard.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The native load generator ({@code benchmarks/native/loadgen.c}): the same workloads as
 * {@link LoadGenerator} but tcp-idle, with the same request encoding and byte-for-byte
 * checks, on one thread and one epoll set, so that it takes less CPU from a server sharing its
 * cores. Compiled with the machine's gcc by {@link #build}, run as a process per load run; it
 * prints the Java generator's JSON line, which {@link Result#fromJson} reads.
 */
public final class NativeLoadGenerator {

    /** The C compiler, found on the {@code PATH}. */
    public static final String COMPILER = "gcc";
    /** The compiler's flags, as the report states them. */
    public static final List<String> FLAGS = List.of("-O2", "-std=gnu11", "-Wall", "-Wextra");
    private static final long COMPILE_TIMEOUT_SECONDS = 120;
    /** How long a run may take beyond its warm-up and duration: connecting, and printing the result. */
    private static final long GRACE_SECONDS = 60;
    private static final String FAILED = "load: FAILED: ";

    private final Path binary;
    private final String compiler;

    private NativeLoadGenerator(Path binary, String compiler) {
        this.binary = binary;
        this.compiler = compiler;
    }

    /**
     * Compiles the generator with {@link #COMPILER} and {@link #FLAGS}.
     *
     * @param source {@code benchmarks/native/loadgen.c}
     * @param directory where the executable goes
     * @return the generator
     * @throws IOException if gcc is missing or the compilation fails, with gcc's output
     */
    public static NativeLoadGenerator build(Path source, Path directory) throws IOException, InterruptedException {
        if (!Files.isRegularFile(source)) {
            throw new IOException("the native load generator's source " + source + " is missing");
        }
        Files.createDirectories(directory);
        Path binary = directory.resolve("loadgen");
        List<String> command = new ArrayList<>(List.of(COMPILER));
        command.addAll(FLAGS);
        command.addAll(List.of("-o", binary.toString(), source.toString()));
        Output compiled = execute(command, COMPILE_TIMEOUT_SECONDS);
        if (compiled.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + compiled.exitCode() + ":\n"
                    + compiled.stderr() + compiled.stdout());
        }
        String version = execute(List.of(COMPILER, "--version"), COMPILE_TIMEOUT_SECONDS).stdout().lines()
                .findFirst().orElse(COMPILER);
        return new NativeLoadGenerator(binary, version);
    }

    /** @return whether {@link #COMPILER} runs on this machine */
    public static boolean compilerAvailable() {
        try {
            return execute(List.of(COMPILER, "--version"), COMPILE_TIMEOUT_SECONDS).exitCode() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * @param spec a load run
     * @return whether this generator runs it: every workload but tcp-idle, which reads the server's
     *     memory through {@code jcmd} between setting up its connections and closing them
     */
    public static boolean runs(LoadSpec spec) {
        return spec.workload() != Workload.TCP_IDLE;
    }

    /** @return the compiler's version line, such as {@code gcc (Debian 12.2.0-14) 12.2.0} */
    public String compiler() {
        return compiler;
    }

    /**
     * Runs the generator and waits for its result.
     *
     * @param spec a run that {@link #runs} accepts; its client threads are ignored (the generator has one)
     * @return what it measured
     * @throws LoadFailure if a reply is wrong, or the server closes a connection or does not answer,
     *     with the generator's message
     */
    public Result run(LoadSpec spec) throws IOException, InterruptedException {
        if (!runs(spec)) {
            throw new IllegalArgumentException("the native load generator does not run " + spec.describe());
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(spec.warmup().toNanos() + spec.duration().toNanos()) + GRACE_SECONDS;
        Output output = execute(command(spec), seconds);
        if (output.exitCode() == 0) {
            String json = output.stdout().lines().filter(line -> line.startsWith("{")).findFirst()
                    .orElseThrow(() -> new IOException("the native load generator printed no result: " + output.stdout()));
            try {
                return Result.fromJson(json, spec);
            } catch (IllegalArgumentException e) {
                throw new IOException("the native load generator's result is unreadable: " + e.getMessage(), e);
            }
        }
        String why = output.stderr().strip();
        throw new LoadFailure(why.startsWith(FAILED) ? why.substring(FAILED.length())
                : "the native load generator exited with code " + output.exitCode() + ": " + why);
    }

    /** @return the generator's command line for {@code spec} */
    List<String> command(LoadSpec spec) {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--workload", spec.workload().toString(),
                "--host", spec.server().getHostString(),
                "--port", Integer.toString(spec.server().getPort()),
                "--connections", Integer.toString(spec.connections()),
                "--size", Integer.toString(spec.size()),
                "--depth", Integer.toString(spec.depth()),
                "--warmup", millis(spec.warmup().toNanos()),
                "--duration", millis(spec.duration().toNanos()),
                "--udp-timeout", millis(spec.udpTimeout().toNanos()),
                "--label", spec.label()));
        if (spec.rate() > 0) {
            command.addAll(List.of("--rate", String.format(Locale.ROOT, "%.3f", spec.rate())));
        }
        return command;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3fms", nanos / 1e6);
    }

    private record Output(int exitCode, String stdout, String stderr) {}

    /** Runs a command, its output going to temporary files (no pipe to fill up), killing it after the timeout. */
    private static Output execute(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("loadgen", ".out");
        Path err = Files.createTempFile("loadgen", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new LoadFailure(command.get(0) + " did not finish within " + timeoutSeconds + " s");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                throw e;
            }
            return new Output(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
