package io.latentwatch.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class KafkaTestClusterIT {

    @Test
    void committedTransactionIsReadBackInOrderPerPartition() {
        String topic = "cluster-smoke";
        KafkaTestCluster.createTopics(1, topic);
        List<Map.Entry<String, byte[]>> sent = List.of(
                Map.entry("pump-01", "a".getBytes(UTF_8)),
                Map.entry("pump-02", "b".getBytes(UTF_8)),
                Map.entry("pump-01", "c".getBytes(UTF_8)));

        KafkaTestCluster.produce(topic, sent);
        List<ConsumerRecord<String, byte[]>> read =
                KafkaTestCluster.consume(topic, 3, Duration.ofSeconds(30));

        assertEquals(List.of("pump-01:a", "pump-02:b", "pump-01:c"),
                read.stream().map(r -> r.key() + ":" + new String(r.value(), UTF_8)).toList());
    }

    @Test
    void brokerRunsProductionFeatureLevels() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestCluster.bootstrapServers()))) {
            FeatureMetadata features = admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS);
            // Transactions v2 and the new group protocols are on in a formatted production broker.
            for (String name : List.of("transaction.version", "group.version", "streams.version")) {
                FinalizedVersionRange range = features.finalizedFeatures().get(name);
                assertNotNull(range, name + " is finalized: " + features.finalizedFeatures());
                assertTrue(range.maxVersionLevel() >= 1, name + " level " + range.maxVersionLevel());
            }
        }
    }

    @Test
    void secondUseSharesTheSameBroker() {
        String first = KafkaTestCluster.bootstrapServers();
        KafkaTestCluster.createTopics(3, "cluster-smoke-multi");
        assertEquals(first, KafkaTestCluster.bootstrapServers());
        assertTrue(KafkaTestCluster.consume("cluster-smoke-multi", 1, Duration.ofMillis(300)).isEmpty(),
                "a fresh topic is empty");
    }
}
