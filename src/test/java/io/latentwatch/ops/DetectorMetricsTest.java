package io.latentwatch.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.detect.DetectorStats;
import org.junit.jupiter.api.Test;

class DetectorMetricsTest {

    @Test
    void exposesDetectorJvmAndModelMetricsAndFollowsAModelSwap() {
        try (DetectorMetrics metrics = new DetectorMetrics(new DetectorStats(), null, "pump", "v1")) {
            String text = metrics.scrape();
            for (String name : new String[] {"latentwatch_records_total 0.0", "latentwatch_windows_scored_total 0.0",
                    "latentwatch_dead_letters_total{reason=\"LATE\"} 0.0", "latentwatch_model_info{model=\"pump\",version=\"v1\"} 1",
                    "jvm_memory_used_bytes{", "jvm_threads_live_threads ", "jvm_classes_loaded_classes ",
                    "process_cpu_usage ", "system_cpu_count "}) {
                assertTrue(text.contains("\n" + name), () -> name + " missing from " + text);
            }
            metrics.modelChanged("pump", "v2");
            String swapped = metrics.scrape();
            assertTrue(swapped.contains("latentwatch_model_info{model=\"pump\",version=\"v2\"} 1"), swapped);
            assertFalse(swapped.contains("version=\"v1\""), swapped);
        }
    }
}
