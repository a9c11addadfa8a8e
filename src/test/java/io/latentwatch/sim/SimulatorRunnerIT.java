package io.latentwatch.sim;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latentwatch.it.KafkaTestCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class SimulatorRunnerIT {

    @Test
    void playsTheWholePlantIntoATopic() {
        String topic = "simulator-runner-it";
        KafkaTestCluster.createTopics(2, topic);
        PlantSimulator sim = new PlantSimulator(new SimulatorConfig(4, 10, Duration.ofSeconds(5),
                false, 11, Instant.parse("2025-01-01T00:00:00Z")));

        try (SimulatorRunner runner = SimulatorRunner.create(sim, KafkaTestCluster.bootstrapServers(),
                topic, r -> r.getEntityId().getBytes(UTF_8), SimulatorRunner.Pacing.AS_FAST_AS_POSSIBLE)) {
            assertEquals(200, runner.run());
        }

        List<ConsumerRecord<String, byte[]>> read = KafkaTestCluster.consume(topic, 200, Duration.ofSeconds(30));
        assertEquals(200, read.size());
        Map<String, Long> perEntity = read.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertEquals(Map.of("pump-01", 50L, "pump-02", 50L, "pump-03", 50L, "pump-04", 50L), perEntity);
        read.forEach(r -> assertEquals(r.key(), new String(r.value(), UTF_8)));
    }
}
