package io.latentwatch.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.google.protobuf.InvalidProtocolBufferException;
import io.latentwatch.LatentwatchException;
import io.latentwatch.nn.AutoencoderTrainer;
import io.latentwatch.nn.DenseAutoencoder;
import io.latentwatch.nn.DenseAutoencoderConfig;
import io.latentwatch.nn.EpochListener;
import io.latentwatch.nn.SyntheticSignals;
import io.latentwatch.nn.TrainingConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every exported model is checked against the Java forward pass in ONNX Runtime. */
class OnnxExportTest {
    private static final int WINDOW = 16;
    private static final int C = SyntheticSignals.CHANNELS;
    private static final Map<String, String> PROVENANCE = Map.of("model", "dense-test", "seed", "5",
            "trainer", "latentwatch-nn");

    private static DenseAutoencoder trained(long seed) {
        float[][] windows = SyntheticSignals.windows(SyntheticSignals.series(600, 0.05, 2), WINDOW, 2);
        DenseAutoencoder model = new DenseAutoencoder(new DenseAutoencoderConfig(WINDOW * C, new int[] {24, 12}, 6),
                seed);
        new AutoencoderTrainer().fit(model, SyntheticSignals.rows(windows, 0, 200),
                SyntheticSignals.rows(windows, 200, windows.length), new TrainingConfig(4, 16, 3e-3, 1e-4, 5, 0, seed),
                EpochListener.NONE);
        return model;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7})
    void onnxRuntimeMatchesTheJavaForwardPass(int batch) throws OrtException {
        DenseAutoencoder model = trained(5);
        byte[] bytes = OnnxExport.export(model, WINDOW, C, "dense-test", PROVENANCE);
        float[][] x = new float[batch][WINDOW * C];
        Random rng = new Random(batch);
        for (float[] row : x) {
            for (int k = 0; k < row.length; k++) {
                row[k] = (float) rng.nextGaussian();
            }
        }
        // Plant a spike so that one window has a large error in one channel.
        x[batch - 1][3 * C + 1] += 5f;

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(bytes, options);
                    OnnxTensor input = OnnxTensor.createTensor(env, x);
                    OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
                assertClose(model.reconstruct(x), (float[][]) value(result, OnnxExport.RECONSTRUCTION));
                assertClose(new float[][] {model.score(x)}, new float[][] {(float[]) value(result, OnnxExport.SCORE)});
                assertClose(model.channelError(x, C), (float[][]) value(result, OnnxExport.CHANNEL_ERROR));
                assertClose(model.encode(x), (float[][]) value(result, OnnxExport.LATENT));
            }
        }
    }

    @Test
    void graphFollowsTheDetectorContract() throws OrtException, InvalidProtocolBufferException {
        DenseAutoencoder model = trained(5);
        byte[] bytes = OnnxExport.export(model, WINDOW, C, "dense-test", PROVENANCE);
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(bytes);
        assertEquals("dense-test", proto.getGraph().getName());
        assertEquals(1, proto.getOpsetImportCount());
        assertEquals(13, proto.getOpsetImport(0).getVersion());
        assertEquals("", proto.getOpsetImport(0).getDomain());
        Map<String, String> metadata = new LinkedHashMap<>();
        proto.getMetadataPropsList().forEach(e -> metadata.put(e.getKey(), e.getValue()));
        assertEquals(List.copyOf(new TreeMap<>(PROVENANCE).entrySet()), List.copyOf(metadata.entrySet()));

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(bytes)) {
            assertEquals(List.of(OnnxExport.INPUT), List.copyOf(session.getInputNames()));
            assertArrayEquals(new long[] {-1, WINDOW * C}, shape(session.getInputInfo().get(OnnxExport.INPUT)));
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            assertEquals(List.of(OnnxExport.RECONSTRUCTION, OnnxExport.SCORE, OnnxExport.CHANNEL_ERROR,
                    OnnxExport.LATENT), List.copyOf(outputs.keySet()));
            assertArrayEquals(new long[] {-1, WINDOW * C}, shape(outputs.get(OnnxExport.RECONSTRUCTION)));
            assertArrayEquals(new long[] {-1}, shape(outputs.get(OnnxExport.SCORE)));
            assertArrayEquals(new long[] {-1, C}, shape(outputs.get(OnnxExport.CHANNEL_ERROR)));
            assertArrayEquals(new long[] {-1, 6}, shape(outputs.get(OnnxExport.LATENT)));
        }
    }

    @Test
    void exportIsByteIdenticalForTheSameSeedAndDiffersForAnother() {
        byte[] a = OnnxExport.export(trained(5), WINDOW, C, "dense-test", PROVENANCE);
        Map<String, String> reordered = new LinkedHashMap<>();
        new TreeMap<>(PROVENANCE).descendingMap().forEach(reordered::put);
        assertArrayEquals(a, OnnxExport.export(trained(5), WINDOW, C, "dense-test", reordered));
        assertFalse(Arrays.equals(a, OnnxExport.export(trained(6), WINDOW, C, "dense-test", PROVENANCE)));
    }

    @Test
    void rejectsShapesThatDoNotMatchTheModel() {
        DenseAutoencoder model = new DenseAutoencoder(new DenseAutoencoderConfig(WINDOW * C, new int[] {8}, 4), 1);
        LatentwatchException e = assertThrows(LatentwatchException.class,
                () -> OnnxExport.export(model, WINDOW, 3, "g", Map.of()));
        assertTrue(e.getMessage().contains("16*3 = 48") && e.getMessage().contains("inputSize 64"), e.getMessage());
        e = assertThrows(LatentwatchException.class, () -> OnnxExport.export(model, 0, C, "g", Map.of()));
        assertTrue(e.getMessage().contains("window=0"), e.getMessage());
        e = assertThrows(LatentwatchException.class, () -> OnnxExport.export(model, WINDOW, C, " ", Map.of()));
        assertTrue(e.getMessage().contains("graphName"), e.getMessage());
    }

    private static Object value(OrtSession.Result result, String name) throws OrtException {
        return result.get(name).orElseThrow(() -> new AssertionError("no output " + name)).getValue();
    }

    private static long[] shape(NodeInfo info) {
        return ((TensorInfo) info.getInfo()).getShape();
    }

    private static void assertClose(float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r].length, actual[r].length);
            for (int k = 0; k < expected[r].length; k++) {
                worst = Math.max(worst, Math.abs(expected[r][k] - actual[r][k]));
            }
        }
        assertTrue(worst <= 1e-4, "max abs difference " + worst + " > 1e-4");
    }
}
