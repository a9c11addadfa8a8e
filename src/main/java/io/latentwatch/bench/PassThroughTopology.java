package io.latentwatch.bench;

import io.latentwatch.avro.SensorReading;
import io.latentwatch.serde.AvroSerdes;
import io.latentwatch.serde.RecordCodecs;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The benchmark's ceiling: a topology that does only what every consumer of the readings must do,
 * decode each reading as the detector does, key it by entity and encode it again, with no state.
 */
public final class PassThroughTopology {
    private PassThroughTopology() {
    }

    /** Readings from {@code input} re-encoded onto {@code output}; {@code processed} counts the records read. */
    public static Topology build(String input, String output, AtomicLong processed) {
        Topology topology = new Topology();
        topology.addSource("readings", new ByteArrayDeserializer(), new ByteArrayDeserializer(), input);
        RecordCodecs codecs = RecordCodecs.singleObject();
        topology.addProcessor("rekey", () -> new Rekey(codecs, processed), "readings");
        topology.addSink("out", output, new StringSerializer(), new ByteArraySerializer(), "rekey");
        return topology;
    }

    private static final class Rekey implements Processor<byte[], byte[], String, byte[]> {
        private final RecordCodecs codecs;
        private final AtomicLong processed;
        private ProcessorContext<String, byte[]> context;

        Rekey(RecordCodecs codecs, AtomicLong processed) {
            this.codecs = codecs;
            this.processed = processed;
        }

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            processed.incrementAndGet();
            SensorReading reading = codecs.decodeReading(record.value());
            context.forward(record.withKey(reading.getEntityId()).withValue(AvroSerdes.readings().encode(reading)));
        }
    }
}
