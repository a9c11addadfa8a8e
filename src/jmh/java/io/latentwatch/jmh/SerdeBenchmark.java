package io.latentwatch.jmh;

import io.latentwatch.avro.AlertStatus;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.ChannelContribution;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.avro.Severity;
import io.latentwatch.serde.AvroSerdes;
import io.latentwatch.serde.RecordCodecs;
import io.latentwatch.serde.SingleObjectCodec;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Avro single-object encoding of one record, both ways: a {@link SensorReading} of four channels
 * (what the detector decodes per input record, through {@link RecordCodecs#decodeReading}, which also
 * checks the framing) and an {@link AnomalyAlert} with two top channels (what it encodes per alert).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerdeBenchmark {
    private SingleObjectCodec<SensorReading> readings;
    private SingleObjectCodec<AnomalyAlert> alerts;
    private RecordCodecs codecs;
    private SensorReading reading;
    private byte[] readingBytes;
    private AnomalyAlert alert;
    private byte[] alertBytes;

    @Setup(Level.Trial)
    public void setUp() {
        readings = AvroSerdes.readings();
        alerts = AvroSerdes.alerts();
        codecs = RecordCodecs.singleObject();
        Map<String, Double> values = new HashMap<>();
        for (int c = 0; c < BenchModel.CHANNELS.size(); c++) {
            values.put(BenchModel.CHANNELS.get(c), 10.0 * c + 0.25);
        }
        reading = SensorReading.newBuilder().setEntityId("pump-7").setTimestamp(Instant.ofEpochMilli(BenchModel.START))
                .setReadings(values).build();
        readingBytes = readings.encode(reading);
        alert = AnomalyAlert.newBuilder().setAlertId("pump-7-1700000000000").setEntityId("pump-7")
                .setStatus(AlertStatus.OPEN).setIncidentId("pump-7-1700000000000")
                .setWindowStart(Instant.ofEpochMilli(BenchModel.START))
                .setWindowEnd(Instant.ofEpochMilli(BenchModel.START + 800)).setScore(3.5).setThreshold(1.0)
                .setSeverity(Severity.HIGH).setModelName("bench-dense").setModelVersion("abcdef012345")
                .setTopChannels(List.of(new ChannelContribution("c1", 0.7), new ChannelContribution("c3", 0.2)))
                .setDetectedAt(Instant.ofEpochMilli(BenchModel.START + 800)).setWindowsAbove(2).build();
        alertBytes = alerts.encode(alert);
    }

    @Benchmark
    public byte[] encodeReading(CpuClock clock) {
        clock.count(1);
        return readings.encode(reading);
    }

    @Benchmark
    public SensorReading decodeReading(CpuClock clock) {
        clock.count(1);
        return codecs.decodeReading(readingBytes);
    }

    @Benchmark
    public byte[] encodeAlert(CpuClock clock) {
        clock.count(1);
        return alerts.encode(alert);
    }

    @Benchmark
    public AnomalyAlert decodeAlert(CpuClock clock) {
        clock.count(1);
        return alerts.decode(alertBytes);
    }
}
