package io.latentwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.TestModels;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.data.TimeSeries;
import io.latentwatch.model.ModelCard;
import io.latentwatch.model.ModelFiles;
import io.latentwatch.nn.Activation;
import io.latentwatch.nn.ArchitectureKind;
import io.latentwatch.nn.ConvShape;
import io.latentwatch.nn.Corruption;
import io.latentwatch.nn.EncoderKind;
import io.latentwatch.nn.EpochListener;
import io.latentwatch.nn.LrSchedule;
import io.latentwatch.train.ArchitectureOptions;
import io.latentwatch.train.ModelTrainer;
import io.latentwatch.train.TrainOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code latentwatch generate}: seeded samples of a tiny VAE resemble its training data; refusals; file formats. */
class GenerateTest {
    private static final int ROWS = 2000;
    private static final String START = "2024-01-01T00:00:00Z";
    private static ModelTrainer.Trained vae;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
            exit = Main.run(o, e, args);
        }
        return new Run(exit, out.toString(), err.toString());
    }

    /** A dense-encoder VAE (beta 1, so the prior is what the encoder was pulled towards), trained once. */
    private static synchronized ModelTrainer.Trained vae() {
        if (vae == null) {
            ArchitectureOptions arch = new ArchitectureOptions(ArchitectureKind.VAE, EncoderKind.DENSE,
                    Activation.TANH, 0.01f, ConvShape.DEFAULT, Corruption.NONE, null, 1.0, 5, LrSchedule.NONE);
            TrainOptions o = new TrainOptions("tiny-vae", TestModels.WINDOW, TestModels.HOP, new int[] {32}, 4, 40,
                    32, 0.003, 0, 11, 0, 0.25, 0.99, 1.5, arch);
            vae = ModelTrainer.train(TestModels.normalSeries(ROWS, 5),
                    new ModelCard.DataSource("synthetic", "csv", 0, ROWS), o, EpochListener.NONE);
        }
        return vae;
    }

    private Path writeVae() {
        Path model = dir.resolve("tiny-vae");
        ModelFiles.write(model, vae().card(), vae().onnx(), vae().decoderOnnx());
        return model;
    }

    private static List<String[]> csvRows(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    @Test
    void samplesResembleTheTrainingData() throws IOException {
        Path model = writeVae();
        Path csv = dir.resolve("gen.csv");
        Run r = run("generate", "--model", model.toString(), "--count", "200", "--seed", "3", "--out", csv.toString(),
                "--start", START);
        assertEquals(0, r.exit(), r.err());
        List<String[]> rows = csvRows(csv);
        List<String> channels = TestModels.CHANNELS;
        int n = rows.size() - 1;
        TimeSeries data = TestModels.normalSeries(ROWS, 5);
        for (int c = 0; c < channels.size(); c++) {
            double[] generated = new double[n];
            for (int i = 0; i < n; i++) {
                generated[i] = Double.parseDouble(rows.get(i + 1)[c + 1]);
            }
            double[] real = new double[ROWS];
            for (int i = 0; i < ROWS; i++) {
                real[i] = data.values()[i][c];
            }
            double gm = mean(generated);
            double gs = std(generated, gm);
            double rm = mean(real);
            double rs = std(real, rm);
            System.out.printf(Locale.ROOT, "generate %s: generated mean %.3f std %.3f, training mean %.3f std %.3f%n",
                    channels.get(c), gm, gs, rm, rs);
            // Measured (seed 3, 200 windows): means agree within 0.01 std on every channel; generated stds are
            // 0.59 of the training data's, because the decoder returns the mean of p(x|z), without the
            // observation noise, and a small VAE smooths the cycle. Bounds: mean within 0.25 std, std within x2.
            assertTrue(Math.abs(gm - rm) < 0.25 * rs, channels.get(c) + ": mean " + gm + " vs " + rm + " (std " + rs + ")");
            assertTrue(gs > rs / 2 && gs < rs * 2, channels.get(c) + ": std " + gs + " vs " + rs);
        }
    }

    @Test
    void csvHasTheRightRowsAndColumnsAndIsReproducible() throws IOException {
        Path model = writeVae();
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        for (Path p : List.of(a, b)) {
            Run r = run("generate", "--model", model.toString(), "--count", "7", "--seed", "9", "--out", p.toString(),
                    "--start", START, "--step", "500ms");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("generated 7 windows (112 readings of generated)"), r.out());
        }
        assertEquals(Files.readString(a), Files.readString(b));
        List<String[]> rows = csvRows(a);
        assertEquals("timestamp,load,flow,temp", String.join(",", rows.get(0)));
        assertEquals(1 + 7 * TestModels.WINDOW, rows.size());
        Instant start = Instant.parse(START);
        for (int i = 1; i < rows.size(); i++) {
            assertEquals(4, rows.get(i).length);
            assertEquals(start.plusMillis(500L * (i - 1)), Instant.parse(rows.get(i)[0]));
            for (int c = 1; c < 4; c++) {
                assertTrue(Double.isFinite(Double.parseDouble(rows.get(i)[c])), String.join(",", rows.get(i)));
            }
        }
    }

    @Test
    void avroFileReadsBackWithTheSameValuesAsCsv() throws IOException {
        Path model = writeVae();
        Path csv = dir.resolve("g.csv");
        Path avro = dir.resolve("g.avro");
        for (Path p : List.of(csv, avro)) {
            Run r = run("generate", "--model", model.toString(), "--count", "3", "--seed", "4", "--out", p.toString(),
                    "--start", START, "--entity", "pump-x");
            assertEquals(0, r.exit(), r.err());
        }
        List<String[]> rows = csvRows(csv);
        // A generic reader, as any Avro tool would read the file: nothing of ours is needed to decode it.
        List<GenericRecord> readings = new ArrayList<>();
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(avro.toFile(), new GenericDatumReader<>())) {
            assertEquals(SensorReading.getClassSchema(), reader.getSchema());
            reader.forEach(readings::add);
        }
        assertEquals(3 * TestModels.WINDOW, readings.size());
        for (int i = 0; i < readings.size(); i++) {
            GenericRecord reading = readings.get(i);
            assertEquals("pump-x", reading.get("entityId").toString());
            assertEquals(Instant.parse(rows.get(i + 1)[0]).toEpochMilli(), reading.get("timestamp"));
            Map<String, Object> values = new java.util.HashMap<>();
            ((Map<?, ?>) reading.get("readings")).forEach((k, v) -> values.put(k.toString(), v));
            assertEquals(3, values.size());
            for (int c = 0; c < 3; c++) {
                assertEquals(Double.parseDouble(rows.get(i + 1)[c + 1]),
                        values.get(TestModels.CHANNELS.get(c)));
            }
        }
    }

    @Test
    void aModelWithSeasonalDifferencesGeneratesTheChannelsOnly() throws IOException {
        ArchitectureOptions arch = new ArchitectureOptions(ArchitectureKind.VAE, EncoderKind.DENSE,
                Activation.TANH, 0.01f, ConvShape.DEFAULT, Corruption.NONE, null, 1.0, 5, LrSchedule.NONE);
        TrainOptions o = new TrainOptions("seasonal-vae", TestModels.WINDOW, TestModels.HOP, new int[] {32}, 4, 10,
                32, 0.003, 0, 11, 0, 0.25, 0.99, 1.5, arch, 40);
        ModelTrainer.Trained seasonal = ModelTrainer.train(TestModels.normalSeries(ROWS, 5),
                new ModelCard.DataSource("synthetic", "csv", 0, ROWS), o, EpochListener.NONE);
        assertEquals(40, seasonal.card().features().seasonal().lag());
        Path model = dir.resolve("seasonal-vae");
        ModelFiles.write(model, seasonal.card(), seasonal.onnx(), seasonal.decoderOnnx());
        Path csv = dir.resolve("seasonal.csv");
        Run r = run("generate", "--model", model.toString(), "--count", "5", "--seed", "3", "--out", csv.toString(),
                "--start", START);
        assertEquals(0, r.exit(), r.err());
        List<String[]> rows = csvRows(csv);
        assertEquals(5 * TestModels.WINDOW + 1, rows.size(), "window rows per sample");
        for (String[] row : rows.subList(1, rows.size())) {
            assertEquals(1 + TestModels.CHANNELS.size(), row.length, "timestamp and the channels, no differences");
            for (int c = 1; c < row.length; c++) {
                assertTrue(Double.isFinite(Double.parseDouble(row[c])), String.join(",", row));
            }
        }
    }

    @Test
    void refusesADenseModel() {
        Path model = dir.resolve("dense");
        ModelFiles.write(model, TestModels.trained().card(), TestModels.trained().onnx());
        Path out = dir.resolve("x.csv");
        Run r = run("generate", "--model", model.toString(), "--count", "2", "--out", out.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("model 'test-model' is a dense autoencoder"), r.err());
        assertTrue(r.err().contains("needs a vae"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void refusesAModelOnTimeWindows() {
        ModelCard c = vae().card();
        ModelCard.Features f = c.features();
        // The card of a VAE trained on 10s means of the same channels: same shape, aggregate channel names.
        ModelCard.Features windowed = new ModelCard.Features(
                TestModels.CHANNELS.stream().map(ch -> ch + ".mean").toList(), f.window(), f.hop(), f.mean(), f.std(),
                f.gapPolicy(), new ModelCard.TimeWindow(10_000, 10_000, List.of("mean")), TestModels.CHANNELS);
        ModelCard card = new ModelCard(c.formatVersion(), c.name(), c.version(), c.trainerVersion(), c.data(), windowed,
                c.architecture(), c.training(), c.threshold(), c.validationScores(), c.onnx(), c.calibration());
        Path model = dir.resolve("windowed");
        ModelFiles.write(model, card, vae().onnx(), vae().decoderOnnx());
        Run r = run("generate", "--model", model.toString(), "--count", "2", "--out", dir.resolve("x.csv").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("was trained on time-window aggregates [load.mean, flow.mean, temp.mean]")
                && r.err().contains("cannot turn aggregates back into raw readings"), r.err());
    }

    @Test
    void refusesAChangedDecoder() throws IOException {
        Path model = writeVae();
        byte[] decoder = Files.readAllBytes(model.resolve(ModelFiles.DECODER));
        decoder[decoder.length - 1] ^= 1;
        Files.write(model.resolve(ModelFiles.DECODER), decoder);
        Run r = run("generate", "--model", model.toString(), "--count", "2", "--out", dir.resolve("x.csv").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("decoder model") && r.err().contains("refusing a changed or corrupt model"),
                r.err());
    }

    @Test
    void refusesUnknownExtensionsAndMissingOutput() {
        Path model = writeVae();
        Run r = run("generate", "--model", model.toString(), "--count", "2", "--out", dir.resolve("x.json").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("expected one of .csv, .avro"), r.err());
        r = run("generate", "--model", model.toString(), "--count", "2");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--out"), r.err());
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double std(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / x.length);
    }
}
