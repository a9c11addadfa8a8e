package io.latentwatch.cli;

import io.latentwatch.LatentwatchException;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.demo.AlertLines;
import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.serde.AvroSerdes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latentwatch tail}: prints the alerts arriving on a topic, as readable lines or JSON, until Ctrl-C.
 * Reads committed records only, from every partition by assignment, so it joins no group and commits nothing.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print anomaly alerts from a topic as they arrive (Ctrl-C to stop).")
final class TailCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    @Spec
    CommandSpec command;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "Kafka to read.")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = DetectorConfig.DEFAULT_ALERTS,
            description = "Topic of AnomalyAlert records (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--entity", paramLabel = "ID", description = "Print only this entity's alerts.")
    String entity;

    @Option(names = "--from-beginning", description = "Start at the oldest alert rather than at new ones.")
    boolean fromBeginning;

    @Option(names = "--json", description = "Print one JSON object per alert (Avro JSON encoding; times in epoch ms).")
    boolean json;

    @Option(names = "--max", paramLabel = "N", description = "Exit after printing N alerts (default: run until Ctrl-C).")
    Long max;

    @Option(names = "--kafka", paramLabel = "KEY=VALUE",
            description = "Kafka: any consumer property, repeatable (e.g. security.protocol=SSL).")
    Map<String, String> kafka = new LinkedHashMap<>();

    @Override
    public Integer call() {
        if (max != null && max < 1) {
            throw new LatentwatchException("--max must be at least 1, got " + max);
        }
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = null;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            hook = new Thread(() -> stop(consumer, done), "latentwatch-tail-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            assign(consumer);
            follow(consumer, out, err);
        } catch (WakeupException stopped) {
            // Ctrl-C: the hook woke the poll up and try-with-resources closed the consumer; leave quietly.
        } finally {
            done.countDown();
            if (hook != null) {
                removeHook(hook);
            }
        }
        return 0;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new LinkedHashMap<>(kafka);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "latentwatch-tail");
        return config;
    }

    private void assign(KafkaConsumer<byte[], byte[]> consumer) {
        var infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new LatentwatchException("topic " + topic + " does not exist on " + bootstrapServers);
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
    }

    private void follow(KafkaConsumer<byte[], byte[]> consumer, PrintWriter out, PrintWriter err) {
        long printed = 0;
        while (true) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                AnomalyAlert alert = decode(r, err);
                if (alert == null || (entity != null && !entity.equals(alert.getEntityId()))) {
                    continue;
                }
                out.println(json ? json(alert) : AlertLines.line(alert));
                out.flush();
                printed++;
                if (max != null && printed >= max) {
                    return;
                }
            }
        }
    }

    private static AnomalyAlert decode(ConsumerRecord<byte[], byte[]> r, PrintWriter err) {
        try {
            if (r.value() == null) {
                throw new LatentwatchException("no value");
            }
            return AvroSerdes.alerts().decode(r.value());
        } catch (RuntimeException e) {
            err.println("latentwatch tail: skipping undecodable record at " + r.topic() + " partition " + r.partition()
                    + " offset " + r.offset() + ": " + e.getMessage());
            err.flush();
            return null;
        }
    }

    /** The alert in Avro's JSON encoding, on one line. */
    static String json(AnomalyAlert alert) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(AnomalyAlert.getClassSchema(), bytes);
            new SpecificDatumWriter<>(AnomalyAlert.class).write(alert, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new LatentwatchException("cannot write alert " + alert.getAlertId() + " as JSON: " + e.getMessage(), e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void stop(KafkaConsumer<?, ?> consumer, CountDownLatch done) {
        consumer.wakeup();
        try {
            // The polling thread closes the consumer (it is not thread-safe); wait so the JVM exits after.
            done.await(METADATA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting because of Ctrl-C; the hook is running and cannot be removed.
        }
    }
}
