package io.latentwatch.model;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a {@link ModelRegistry}'s directory on a daemon thread, every {@code interval}, so that a
 * new model version is picked up without a restart. Closing it stops the polling (not the registry).
 */
public final class ModelWatcher implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

    private final ScheduledExecutorService executor;

    private ModelWatcher(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Starts polling {@code registry} every {@code interval} (at least 10 ms), first after one interval. */
    public static ModelWatcher start(ModelRegistry registry, Duration interval) {
        if (interval.toMillis() < 10) {
            throw new IllegalArgumentException("model poll interval must be at least 10ms, got " + interval);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "latentwatch-model-watcher");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                registry.pollOnce();
            } catch (RuntimeException e) {
                // An exception would cancel the schedule; keep watching.
                LOG.warn("polling for a new model failed: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return new ModelWatcher(executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
