package io.latentwatch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.TestModels;
import io.latentwatch.data.TimeSeries;
import io.latentwatch.model.ModelFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's exit codes, help and error output; needs no broker. */
class MainTest {
    @TempDir
    Path dir;

    /** What one run of the command line returned and printed. */
    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
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

    @Test
    void helpListsTheSubcommands() {
        Run r = run("--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("detect"), r.out());
        assertTrue(r.out().contains("train"), r.out());
    }

    @Test
    void trainHelpExitsZero() {
        Run r = run("train", "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("--epochs"), r.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("--no-such-option");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--no-such-option"), r.err());
    }

    @Test
    void detectWithoutRequiredOptionsIsAUsageError() {
        Run r = run("detect");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--bootstrap-servers") && r.err().contains("--model"), r.err());
    }

    @Test
    void missingModelIsOneErrorLineNamingThePathWithoutAStackTrace() {
        Run r = run("detect", "--bootstrap-servers", "localhost:1", "--model", "/nonexistent");
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().size(), r.err());
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("latentwatch: error: "), line);
        assertTrue(line.contains("/nonexistent"), line);
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void verbosePrintsTheStackTrace() {
        Run r = run("detect", "--verbose", "--bootstrap-servers", "localhost:1", "--model", "/nonexistent");
        assertEquals(1, r.exit());
        assertTrue(r.errLines().get(0).startsWith("latentwatch: error: "), r.err());
        assertTrue(r.err().contains("\tat io.latentwatch."), r.err());
    }

    @Test
    void trainWritesAModelAndIsReproducibleWithTheSameSeed() throws IOException {
        Path data = writeCsv(600);
        Path first = dir.resolve("a/models/cli-model");
        Path second = dir.resolve("b/models/cli-model");

        Run r1 = train(data, first);
        Run r2 = train(data, second);

        assertEquals(0, r1.exit(), r1.err());
        assertEquals(0, r2.exit(), r2.err());
        assertTrue(r1.out().contains("cli-model"), r1.out());
        for (String file : List.of(ModelFiles.ONNX, ModelFiles.CARD)) {
            assertTrue(Files.size(first.resolve(file)) > 0, file);
            assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)),
                    file + " differs between two runs with the same seed");
        }
        ModelFiles.load(first); // the card's checksum matches the ONNX file
    }

    @Test
    void explicitPatienceAboveEpochsIsStillRejected() throws IOException {
        Run r = run("train", "--data", writeCsv(100).toString(), "--out", dir.resolve("m").toString(),
                "--window", "16", "--epochs", "3", "--patience", "10");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("patience") && r.err().contains("got 10"), r.err());
    }

    @Test
    void unknownArchitectureListsTheChoices() throws IOException {
        Run r = run("train", "--data", writeCsv(100).toString(), "--out", dir.resolve("m").toString(),
                "--arch", "nosuch");
        assertTrue(r.exit() == 1 || r.exit() == 2, "exit " + r.exit());
        assertTrue(r.err().contains("nosuch") && r.err().contains("dense"), r.err());
        assertFalse(Files.exists(dir.resolve("m")));
    }

    @Test
    void trainVaeWithAConvEncoderWritesTheDecoderModel() throws IOException {
        Path model = dir.resolve("models/vae");
        Run r = run("train", "--data", writeCsv(600).toString(), "--out", model.toString(), "--window", "16",
                "--epochs", "2", "--arch", "vae", "--encoder", "conv", "--filters", "4,8", "--kernel", "3",
                "--stride", "2", "--beta", "0.5", "--beta-anneal-epochs", "2", "--lr-schedule", "cosine");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.size(model.resolve(ModelFiles.DECODER)) > 0);
        String card = Files.readString(model.resolve(ModelFiles.CARD));
        assertTrue(card.contains("\"type\" : \"vae\"") && card.contains("\"decoderSha256\""), card);
        ModelFiles.load(model);
    }

    @Test
    void identityActivationTrainsALinearAutoencoderAndUnknownOnesListTheChoices() throws IOException {
        Path model = dir.resolve("models/linear");
        Run r = run("train", "--data", writeCsv(600).toString(), "--out", model.toString(), "--window", "8",
                "--epochs", "2", "--latent", "16", "--activation", "identity");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(model.resolve(ModelFiles.CARD)).contains("\"activation\" : \"identity\""));
        ModelFiles.load(model);
        r = run("train", "--data", writeCsv(100).toString(), "--out", dir.resolve("m").toString(),
                "--activation", "linear");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("'linear'") && r.err().contains("identity]"), r.err());
    }

    @Test
    void optionsForAnotherArchitectureAreRefusedSayingWhereTheyApply() throws IOException {
        Run r = run("train", "--data", writeCsv(100).toString(), "--out", dir.resolve("m").toString(),
                "--arch", "vae", "--noise-std", "0.2");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("--noise-std applies only to --arch denoising"), r.err());
        r = run("train", "--data", writeCsv(100).toString(), "--out", dir.resolve("m").toString(),
                "--arch", "conv", "--encoder", "dense");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("--arch denoising, sparse or vae"), r.err());
        r = run("train", "--data", writeCsv(100).toString(), "--out", dir.resolve("m").toString(),
                "--arch", "sparse", "--sparsity", "l2");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("[l1, kl]"), r.err());
        assertFalse(Files.exists(dir.resolve("m")));
    }

    @Test
    void unknownFormatListsTheChoices() throws IOException {
        Run r = run("train", "--data", writeCsv(100).toString(), "--out", dir.resolve("m").toString(),
                "--format", "xml");
        assertTrue(r.exit() == 1 || r.exit() == 2, "exit " + r.exit());
        assertTrue(r.err().contains("xml"), r.err());
        for (String choice : List.of("csv", "nab", "skab")) {
            assertTrue(r.err().contains(choice), () -> "no '" + choice + "' in: " + r.err());
        }
        assertFalse(Files.exists(dir.resolve("m")));
    }

    private Run train(Path data, Path out) {
        return run("train", "--data", data.toString(), "--epochs", "3", "--window", "16", "--hop", "4",
                "--hidden", "16", "--latent", "4", "--seed", "11", "--out", out.toString());
    }

    /** Writes {@code rows} normal rows as {@code timestamp,load,flow,temp} with ISO timestamps. */
    private Path writeCsv(int rows) throws IOException {
        TimeSeries series = TestModels.normalSeries(rows, 21);
        List<String> lines = new ArrayList<>();
        lines.add("timestamp," + String.join(",", series.channels()));
        for (int i = 0; i < series.rows(); i++) {
            double[] v = series.values()[i];
            lines.add(String.format(Locale.ROOT, "%s,%.6f,%.6f,%.6f",
                    Instant.ofEpochMilli(series.timestamps()[i]), v[0], v[1], v[2]));
        }
        Path file = dir.resolve("normal.csv");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
