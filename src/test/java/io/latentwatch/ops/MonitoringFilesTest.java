package io.latentwatch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latentwatch.detect.DetectorStats;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The monitoring files shipped with the compose stack: every metric the Grafana dashboard queries is
 * one the detector really exports, and the YAML files parse.
 */
class MonitoringFilesTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir"));
    private static final Path DASHBOARD = ROOT.resolve("monitoring/grafana/dashboards/latentwatch.json");
    private static final Path PROMETHEUS = ROOT.resolve("monitoring/prometheus.yml");
    private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");

    /**
     * Kafka client/Streams metrics that Micrometer's KafkaStreamsMetrics exports only while a real
     * KafkaStreams client is bound (the registry built here has none). Each entry is Micrometer's
     * name for a standard Kafka metric: {@code kafka.<group without "-metrics">.<name>}.
     */
    private static final Set<String> KAFKA_STREAMS_ONLY = Set.of(
            // consumer-fetch-manager-metrics / records-lag-max: max records behind, per consumer
            "kafka_consumer_fetch_manager_records_lag_max");

    /** PromQL words that look like metric names but are not. */
    private static final Set<String> PROMQL_KEYWORDS = Set.of(
            "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
            "offset", "inf", "nan");

    private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @Test
    void everyDashboardMetricIsExported() throws Exception {
        Set<String> used = dashboardMetrics();
        assertFalse(used.isEmpty(), "no metric found in the dashboard");
        Set<String> exported = exportedMetricNames();
        List<String> unknown = new ArrayList<>();
        for (String name : used) {
            if (!exported.contains(name) && !KAFKA_STREAMS_ONLY.contains(name)) {
                unknown.add(name);
            }
        }
        assertTrue(unknown.isEmpty(), "dashboard queries metrics the detector does not export: " + unknown
                + "\nexported: " + exported);
        for (String required : List.of("latentwatch_threshold", "latentwatch_alerts_total",
                "latentwatch_incidents_total", "latentwatch_dead_letters_total", "latentwatch_records_total",
                "kafka_consumer_fetch_manager_records_lag_max")) {
            assertTrue(used.contains(required), "dashboard has no panel on " + required);
        }
        assertTrue(used.stream().anyMatch(n -> n.startsWith("latentwatch_inference_seconds")),
                "dashboard has no inference latency panel");
    }

    @Test
    void metricNameExtractionSkipsFunctionsLabelsAndRanges() {
        assertEquals(Set.of("latentwatch_dead_letters_total"),
                metricNames("sum by (reason) (rate(latentwatch_dead_letters_total{reason!=\"LATE\"}[1m]))"));
        assertEquals(Set.of("a_sum", "a_count"), metricNames("rate(a_sum[5m]) / on(job) rate(a_count[5m])"));
    }

    @Test
    void prometheusScrapesTheDetector() throws IOException {
        Map<String, Object> config = yaml(PROMETHEUS);
        List<?> jobs = (List<?>) config.get("scrape_configs");
        assertEquals(1, jobs.size());
        Map<?, ?> job = (Map<?, ?>) jobs.get(0);
        assertEquals("5s", job.get("scrape_interval"));
        assertEquals("/metrics", job.get("metrics_path"));
        Map<?, ?> statics = (Map<?, ?>) ((List<?>) job.get("static_configs")).get(0);
        assertEquals(List.of("detector:8080"), statics.get("targets"));
    }

    @Test
    void composeFileIsOneDebianDockerCompose129Accepts() throws IOException {
        Map<String, Object> compose = yaml(COMPOSE);
        assertFalse(compose.containsKey("name"), "top-level name: is not accepted by docker-compose 1.29");
        assertEquals("3.8", compose.get("version"));
        Map<?, ?> services = (Map<?, ?>) compose.get("services");
        for (String s : List.of("kafka", "schema-registry", "topics", "detector", "simulator", "prometheus",
                "grafana")) {
            assertTrue(services.containsKey(s), "no service " + s);
        }
        Map<?, ?> detector = (Map<?, ?>) services.get("detector");
        assertTrue(detector.containsKey("healthcheck"));
        Map<?, ?> deps = (Map<?, ?>) detector.get("depends_on");
        assertEquals("service_healthy", ((Map<?, ?>) deps.get("kafka")).get("condition"));
        assertEquals("service_completed_successfully", ((Map<?, ?>) deps.get("topics")).get("condition"));
        String command = String.join(" ", ((List<?>) detector.get("command")).stream().map(String::valueOf).toList());
        assertTrue(command.contains("--model /app/models/demo-pump"), command);
        assertTrue(Files.isDirectory(ROOT.resolve("models/demo-pump")), "the image copies models/demo-pump");
        for (String provisioning : List.of("datasources/prometheus.yml", "dashboards/latentwatch.yml")) {
            assertInstanceOf(Map.class,
                    yaml(ROOT.resolve("monitoring/grafana/provisioning").resolve(provisioning)));
        }
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    private static Set<String> dashboardMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Set<String> names = new TreeSet<>();
        int exprs = 0;
        for (JsonNode expr : dashboard.findValues("expr")) {
            names.addAll(metricNames(expr.asText()));
            exprs++;
        }
        assertTrue(exprs >= 7, "expected a query per panel, found " + exprs);
        return names;
    }

    /** The metric names in a PromQL expression (strings, label matchers, ranges and functions removed). */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENT.matcher(s);
        while (m.find()) {
            String word = m.group();
            String rest = s.substring(m.end()).stripLeading();
            boolean function = rest.startsWith("(");
            boolean number = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
            if (!function && !number && !PROMQL_KEYWORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    /** Names of every sample a detector's registry exports, with a threshold and a batch recorded. */
    private static Set<String> exportedMetricNames() throws Exception {
        DetectorStats stats = new DetectorStats();
        try (DetectorMetrics metrics = new DetectorMetrics(stats, null, "m", "v")) {
            // package-private recorders, called as the topology does
            Method threshold = DetectorStats.class.getDeclaredMethod("threshold", String.class, double.class);
            threshold.setAccessible(true);
            threshold.invoke(stats, "pump-01", 0.01);
            Method batch = DetectorStats.class.getDeclaredMethod("batchScored", int.class, long.class);
            batch.setAccessible(true);
            batch.invoke(stats, 4, 1_000_000L);
            Set<String> names = new TreeSet<>();
            for (String line : metrics.scrape().split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Matcher m = IDENT.matcher(line);
                if (m.lookingAt()) {
                    names.add(m.group());
                }
            }
            assertTrue(names.contains("latentwatch_threshold"), "threshold gauge not exported: " + names);
            return names;
        }
    }
}
