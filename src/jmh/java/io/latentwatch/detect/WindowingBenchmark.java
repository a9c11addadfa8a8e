package io.latentwatch.detect;

import io.latentwatch.avro.SensorReading;
import io.latentwatch.features.FeatureSpec;
import io.latentwatch.features.Window;
import io.latentwatch.features.WindowBuffer;
import io.latentwatch.jmh.BenchModel;
import io.latentwatch.jmh.CpuClock;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.train.ModelTrainer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Windowing one reading (16 steps x 4 channels, hop 4, so every fourth reading completes a window
 * and builds its normalised feature vector). {@code windowBuffer} is {@link WindowBuffer} alone, in
 * memory. {@code processorRecord} is what {@link WindowingProcessor} does per record minus Kafka and
 * decoding: check the reading, read the entity's {@link EntityWindows} from its stored bytes, put the
 * reading in channel order through the reorder buffer into the window buffer, build the
 * {@link FreshWindow} when one completes, and write the state back to bytes. It lives in this package
 * because {@link EntityWindows} and {@link ReadingChecks} are the processor's package-private parts.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WindowingBenchmark {
    private static final int ROWS = 1 << 12;

    private DetectorModel model;
    private DetectorConfig config;
    private FeatureSpec spec;
    private List<String> channels;
    private WindowBuffer buffer;
    private byte[] saved;
    private double[][] rows;
    private SensorReading[] readings;
    private long step;

    @Setup(Level.Trial)
    public void setUp() {
        ModelTrainer.Trained trained = BenchModel.trained();
        model = new DetectorModel(trained.card(), trained.onnx());
        config = DetectorConfig.defaults();
        spec = model.spec();
        channels = model.card().inputChannels();
        buffer = new WindowBuffer(spec, config.gapPolicy());
        saved = EntityWindows.fresh(model, config).toBytes();
        Random noise = new Random(42);
        rows = new double[ROWS][];
        readings = new SensorReading[ROWS];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = BenchModel.row(i, noise);
            Map<String, Double> values = new HashMap<>();
            for (int c = 0; c < channels.size(); c++) {
                values.put(channels.get(c), rows[i][c]);
            }
            readings[i] = SensorReading.newBuilder().setEntityId("pump-7")
                    .setTimestamp(Instant.ofEpochMilli(BenchModel.START)).setReadings(values).build();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    @Benchmark
    public void windowBuffer(Blackhole out, CpuClock clock) {
        clock.count(1);
        long i = step++;
        if (buffer.add(BenchModel.START + i * BenchModel.STEP_MS, rows[(int) (i & (ROWS - 1))])) {
            out.consume(buffer.window(spec));
        }
    }

    @Benchmark
    public byte[] processorRecord(Blackhole out, CpuClock clock) {
        clock.count(1);
        long i = step++;
        SensorReading reading = readings[(int) (i & (ROWS - 1))];
        long timestamp = BenchModel.START + i * BenchModel.STEP_MS;
        reading.setTimestamp(Instant.ofEpochMilli(timestamp));
        out.consume(ReadingChecks.problem(reading, channels, config, timestamp));
        EntityWindows state = EntityWindows.fromBytes(saved, model, config);
        WindowBuffer windows = state.windows();
        state.reorder().offer(timestamp, row(reading.getReadings()), (ts, row) -> {
            if (windows.add(ts, row)) {
                Window window = windows.window(spec);
                out.consume(new FreshWindow(window, spec));
            }
        });
        saved = state.toBytes();
        return saved;
    }

    /** The reading's values in the model's channel order, as the processor builds them. */
    private double[] row(Map<String, Double> values) {
        double[] row = new double[channels.size()];
        for (int c = 0; c < row.length; c++) {
            Double v = values.get(channels.get(c));
            row[c] = v == null || !Double.isFinite(v) ? Double.NaN : v;
        }
        return row;
    }
}
