package io.latentwatch.ops;

import io.latentwatch.detect.DeadLetter;
import io.latentwatch.detect.DetectorStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The detector's metrics in a Prometheus registry: counters read from {@link DetectorStats}, a model
 * info gauge, the Kafka Streams client's own metrics and the JVM's.
 *
 * <p>Every detector meter is named {@code latentwatch.*} ({@code latentwatch_*} in Prometheus) and
 * none is tagged per entity, so the series count does not grow with the fleet. The Kafka Streams
 * ({@code kafka_*}) and JVM ({@code jvm_*}, {@code process_*}, {@code system_*}) meters keep
 * Micrometer's standard names so that stock dashboards work.
 *
 * <p>Owns its registry and binders; {@link #close()} unbinds the Kafka Streams metrics and the GC
 * listener and closes the registry. It does not own the streams or the stats.
 */
public final class DetectorMetrics implements AutoCloseable {
    private final DetectorStats stats;
    private final MultiGauge entityThresholds;
    /** Prometheus text exposition format 0.0.4, what {@link #scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KafkaStreamsMetrics streamsMetrics;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private Meter modelInfo;

    /**
     * @param streams the client whose metrics are exposed; null for none (tests)
     */
    public DetectorMetrics(DetectorStats stats, KafkaStreams streams, String modelName, String modelVersion) {
        this.stats = stats;
        this.entityThresholds = MultiGauge.builder("latentwatch.threshold")
                .description("Current adaptive threshold of the first " + DetectorStats.MAX_THRESHOLD_GAUGES
                        + " entities this instance scored (bounded cardinality; /entities/{id} serves any entity)")
                .register(registry);
        counter("latentwatch.records", "Input records read, usable or not", stats, DetectorStats::records);
        counter("latentwatch.skipped", "Unusable input records sent to the dead-letter topic (late excluded)",
                stats, DetectorStats::skipped);
        counter("latentwatch.late", "Readings too late to put in order, set aside", stats, DetectorStats::late);
        counter("latentwatch.imputed", "Channel values filled in by the gap policy", stats, DetectorStats::imputed);
        counter("latentwatch.windows.scored", "Windows scored by the model", stats, DetectorStats::windowsScored);
        counter("latentwatch.windows.skipped", "Complete windows not scored under the skip-window gap policy",
                stats, DetectorStats::skippedWindows);
        counter("latentwatch.gap.resets", "Times a silence longer than --max-gap restarted an entity's window",
                stats, DetectorStats::gapResets);
        counter("latentwatch.batches", "ONNX Runtime calls; windows scored / batches is the mean batch size",
                stats, DetectorStats::batches);
        counter("latentwatch.incidents", "Incidents opened", stats, DetectorStats::incidents);
        counter("latentwatch.alerts", "Alerts raised (open, update and close)", stats, DetectorStats::alerts);
        for (DeadLetter reason : DeadLetter.values()) {
            FunctionCounter.builder("latentwatch.dead.letters", stats, s -> s.deadLetters(reason))
                    .description("Input records sent to the dead-letter topic, by reason")
                    .tag("reason", reason.name())
                    .register(registry);
        }
        io.micrometer.core.instrument.Timer inference = io.micrometer.core.instrument.Timer
                .builder("latentwatch.inference")
                .description("ONNX Runtime time per scored batch")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        io.micrometer.core.instrument.DistributionSummary batchSizes = io.micrometer.core.instrument.DistributionSummary
                .builder("latentwatch.batch.size")
                .description("Windows per scored batch")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        stats.onBatch((windows, nanos) -> {
            inference.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            batchSizes.record(windows);
        });
        modelChanged(modelName, modelVersion);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        streamsMetrics = streams == null ? null : new KafkaStreamsMetrics(streams);
        if (streamsMetrics != null) {
            streamsMetrics.bindTo(registry);
        }
    }

    /** Replaces the {@code latentwatch_model_info} series, for a model swapped in while running. */
    public synchronized void modelChanged(String name, String version) {
        if (modelInfo != null) {
            registry.remove(modelInfo);
        }
        modelInfo = Gauge.builder("latentwatch.model.info", () -> 1)
                .description("The model being served; always 1")
                .tag("model", name)
                .tag("version", version)
                .register(registry);
    }

    /** Every meter in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        stats.thresholds().forEach((entity, value) -> rows.add(MultiGauge.Row.of(Tags.of("entity", entity), value)));
        entityThresholds.register(rows, true);
        return registry.scrape();
    }

    /** The registry, for callers that add meters of their own. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private void counter(String name, String description, DetectorStats stats, ToDoubleFunction<DetectorStats> f) {
        FunctionCounter.builder(name, stats, f).description(description).register(registry);
    }

    @Override
    public void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        gcMetrics.close();
        registry.close();
    }
}
