package io.latentwatch.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code latentwatch detect} command running in its own JVM, so a test can kill it with
 * SIGKILL mid-stream like a crashed or evicted container.
 */
public final class DetectorProcess implements AutoCloseable {
    private final Process process;

    private DetectorProcess(Process process) {
        this.process = process;
    }

    /** Starts {@code latentwatch detect} with these arguments; its output goes to {@code log}. */
    public static DetectorProcess start(Path log, String... detectArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        // The product's logging (INFO for our own lines), not the test suite's quieter one.
        java.net.URL productLogging = DetectorProcess.class.getClassLoader().getResource("logback.xml");
        if (productLogging != null) {
            command.add("-Dlogback.configurationFile=" + productLogging);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.latentwatch.cli.Main");
        command.add("detect");
        command.addAll(List.of(detectArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new DetectorProcess(builder.start());
    }

    /** SIGKILL: no shutdown hook, no flush, no transaction commit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the shutdown hook closes the streams cleanly; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
