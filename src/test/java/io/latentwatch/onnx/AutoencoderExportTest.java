package io.latentwatch.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.google.protobuf.InvalidProtocolBufferException;
import io.latentwatch.nn.Activation;
import io.latentwatch.nn.ArchitectureKind;
import io.latentwatch.nn.Autoencoder;
import io.latentwatch.nn.AutoencoderSpec;
import io.latentwatch.nn.ConvShape;
import io.latentwatch.nn.Corruption;
import io.latentwatch.nn.EncoderKind;
import io.latentwatch.nn.Sparsity;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every architecture's exported graph against the Java forward pass in ONNX Runtime. */
class AutoencoderExportTest {
    private static final int WINDOW = 16;
    private static final int C = 4;
    private static final Map<String, String> PROVENANCE = Map.of("latentwatch.seed", "5", "latentwatch.name", "t");

    static Stream<AutoencoderSpec> specs() {
        AutoencoderSpec base = AutoencoderSpec.dense(WINDOW, C, new int[] {24, 12}, 6)
                .withConv(new ConvShape(new int[] {8, 12}, 5, 2));
        return Stream.of(base,
                base.withActivation(Activation.IDENTITY, 0.01f),
                base.withKind(ArchitectureKind.CONV, EncoderKind.CONV),
                base.withKind(ArchitectureKind.CONV, EncoderKind.CONV).withConv(new ConvShape(new int[] {6}, 4, 3))
                        .withActivation(Activation.LEAKY_RELU, 0.2f),
                base.denoising(EncoderKind.DENSE, new Corruption(0.2, 0.1)).withActivation(Activation.TANH, 0.01f),
                base.denoising(EncoderKind.CONV, new Corruption(0.2, 0.1)),
                base.sparse(EncoderKind.DENSE, new Sparsity(Sparsity.Kind.L1, 0.1, 0.05)),
                base.sparse(EncoderKind.DENSE, new Sparsity(Sparsity.Kind.KL, 0.1, 0.05))
                        .withActivation(Activation.SIGMOID, 0.01f),
                base.sparse(EncoderKind.CONV, new Sparsity(Sparsity.Kind.KL, 0.1, 0.05)),
                base.vae(EncoderKind.DENSE, 1, 0),
                base.vae(EncoderKind.CONV, 1, 5));
    }

    /** A model with every parameter (biases too) perturbed, so that no zero hides a wiring mistake. */
    static Autoencoder model(AutoencoderSpec spec, long seed) {
        Autoencoder model = Autoencoder.create(spec, seed);
        float[][] weights = model.snapshot();
        Random rng = new Random(seed + 100);
        for (float[] w : weights) {
            for (int k = 0; k < w.length; k++) {
                w[k] += (float) (0.05 * rng.nextGaussian());
            }
        }
        model.restore(weights);
        return model;
    }

    static float[][] gaussian(int rows, int cols, long seed) {
        Random rng = new Random(seed);
        float[][] x = new float[rows][cols];
        for (float[] row : x) {
            for (int k = 0; k < cols; k++) {
                row[k] = (float) rng.nextGaussian();
            }
        }
        return x;
    }

    @ParameterizedTest
    @MethodSource("specs")
    void onnxRuntimeMatchesTheJavaForwardPassForEveryOutput(AutoencoderSpec spec) throws OrtException {
        Autoencoder model = model(spec, 5);
        byte[] bytes = AutoencoderExport.export(model, "t", PROVENANCE);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(bytes, options)) {
                assertEquals(List.of(OnnxExport.RECONSTRUCTION, OnnxExport.SCORE, OnnxExport.CHANNEL_ERROR,
                        OnnxExport.LATENT), List.copyOf(session.getOutputInfo().keySet()));
                assertArrayEquals(new long[] {-1}, shape(session.getOutputInfo().get(OnnxExport.SCORE)));
                for (int batch : new int[] {1, 7}) {
                    float[][] x = gaussian(batch, WINDOW * C, batch);
                    x[batch - 1][3 * C + 1] += 5f;
                    try (OnnxTensor input = OnnxTensor.createTensor(env, x);
                            OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
                        assertClose(model.reconstruct(x), (float[][]) value(result, OnnxExport.RECONSTRUCTION));
                        assertClose(new float[][] {model.score(x)},
                                new float[][] {(float[]) value(result, OnnxExport.SCORE)});
                        assertClose(model.channelError(x), (float[][]) value(result, OnnxExport.CHANNEL_ERROR));
                        assertClose(model.encode(x), (float[][]) value(result, OnnxExport.LATENT));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void anEnsembleGraphMatchesTheMeanOfItsMembersInJava(AutoencoderSpec spec) throws OrtException {
        List<Autoencoder> members = List.of(model(spec, 5), model(spec, 6), model(spec, 7));
        byte[] bytes = AutoencoderExport.exportEnsemble(members, "t", PROVENANCE);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(bytes, options)) {
                assertEquals(List.of(OnnxExport.RECONSTRUCTION, OnnxExport.SCORE, OnnxExport.CHANNEL_ERROR,
                        OnnxExport.LATENT), List.copyOf(session.getOutputInfo().keySet()));
                float[][] x = gaussian(5, WINDOW * C, 9);
                x[4][2 * C] += 5f;
                float[][] mean = Autoencoder.meanReconstruction(members, x);
                try (OnnxTensor input = OnnxTensor.createTensor(env, x);
                        OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
                    assertClose(mean, (float[][]) value(result, OnnxExport.RECONSTRUCTION));
                    assertClose(new float[][] {io.latentwatch.nn.ReconstructionError.scores(x, mean)},
                            new float[][] {(float[]) value(result, OnnxExport.SCORE)});
                    assertClose(io.latentwatch.nn.ReconstructionError.channelErrors(x, mean, C),
                            (float[][]) value(result, OnnxExport.CHANNEL_ERROR));
                    assertClose(members.get(0).encode(x), (float[][]) value(result, OnnxExport.LATENT));
                }
            }
        }
        // the mean differs from any one member's reconstruction: the members are really combined
        float[][] one = members.get(0).reconstruct(gaussian(1, WINDOW * C, 9));
        float[][] all = Autoencoder.meanReconstruction(members, gaussian(1, WINDOW * C, 9));
        assertTrue(Math.abs(one[0][0] - all[0][0]) > 1e-6, one[0][0] + " vs " + all[0][0]);
    }

    @Test
    void anEnsembleNeedsTwoMembersOfOneShape() {
        AutoencoderSpec spec = specs().findFirst().orElseThrow();
        io.latentwatch.LatentwatchException one = assertThrows(io.latentwatch.LatentwatchException.class,
                () -> AutoencoderExport.exportEnsemble(List.of(model(spec, 1)), "t", PROVENANCE));
        assertTrue(one.getMessage().contains("at least 2"), one.getMessage());
        AutoencoderSpec other = AutoencoderSpec.dense(WINDOW, C, new int[] {8}, 3);
        io.latentwatch.LatentwatchException shapes = assertThrows(io.latentwatch.LatentwatchException.class,
                () -> AutoencoderExport.exportEnsemble(List.of(model(spec, 1), model(other, 2)), "t", PROVENANCE));
        assertTrue(shapes.getMessage().contains("member 1"), shapes.getMessage());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void decoderModelMatchesTheJavaDecoder(AutoencoderSpec spec) throws OrtException {
        if (spec.kind() != ArchitectureKind.VAE) {
            return;
        }
        Autoencoder model = model(spec, 6);
        byte[] bytes = AutoencoderExport.exportDecoder(model, "t-decoder", PROVENANCE);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(bytes)) {
            assertEquals(List.of(OnnxExport.LATENT), List.copyOf(session.getInputNames()));
            assertEquals(List.of(OnnxExport.RECONSTRUCTION), List.copyOf(session.getOutputNames()));
            for (int batch : new int[] {1, 7}) {
                float[][] z = gaussian(batch, spec.latent(), 30 + batch);
                try (OnnxTensor input = OnnxTensor.createTensor(env, z);
                        OrtSession.Result result = session.run(Map.of(OnnxExport.LATENT, input))) {
                    assertClose(model.decode(z), (float[][]) value(result, OnnxExport.RECONSTRUCTION));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void exportIsByteIdenticalForTheSameSeed(AutoencoderSpec spec) throws InvalidProtocolBufferException {
        byte[] a = AutoencoderExport.export(model(spec, 5), "t", PROVENANCE);
        assertArrayEquals(a, AutoencoderExport.export(model(spec, 5), "t", PROVENANCE));
        assertFalse(Arrays.equals(a, AutoencoderExport.export(model(spec, 6), "t", PROVENANCE)));
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(a);
        assertEquals("t", proto.getGraph().getName());
        assertEquals(13, proto.getOpsetImport(0).getVersion());
        assertEquals("latentwatch.name", proto.getMetadataProps(0).getKey());
    }

    @Test
    void convGraphReshapesTheTimeMajorInput() throws InvalidProtocolBufferException {
        AutoencoderSpec spec = specs().filter(s -> s.kind() == ArchitectureKind.CONV).findFirst().orElseThrow();
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(AutoencoderExport.export(model(spec, 5), "t", PROVENANCE));
        List<String> ops = proto.getGraph().getNodeList().stream().map(OnnxMl.NodeProto::getOpType).toList();
        assertEquals(List.of("Reshape", "Transpose", "Conv"), ops.subList(0, 3));
        assertTrue(ops.contains("ConvTranspose"), ops.toString());
    }

    private static Object value(OrtSession.Result result, String name) throws OrtException {
        return result.get(name).orElseThrow(() -> new AssertionError("no output " + name)).getValue();
    }

    private static long[] shape(NodeInfo info) {
        return ((TensorInfo) info.getInfo()).getShape();
    }

    /**
     * With the identity activation the exported graph is a linear autoencoder: its reconstruction is an
     * affine map, so the reconstruction of a mix of two windows is the same mix of their reconstructions,
     * even far outside the scale it was built for. A ReLU model of the same shape is not.
     */
    @Test
    void anIdentityActivationExportsAnAffineReconstruction() throws OrtException {
        AutoencoderSpec linear = AutoencoderSpec.dense(WINDOW, C, new int[] {24, 12}, 6)
                .withActivation(Activation.IDENTITY, 0.01f);
        assertEquals(0, affineDefect(linear), 1e-3, "identity");
        assertTrue(affineDefect(AutoencoderSpec.dense(WINDOW, C, new int[] {24, 12}, 6)) > 0.01, "relu is not affine");
    }

    /** The largest |r(a x + (1 - a) y) - (a r(x) + (1 - a) r(y))| in ONNX Runtime, for a = 3 and large x, y. */
    private static double affineDefect(AutoencoderSpec spec) throws OrtException {
        byte[] bytes = AutoencoderExport.export(model(spec, 9), "t", PROVENANCE);
        float[][] xy = gaussian(2, WINDOW * C, 21);
        float[] mix = new float[WINDOW * C];
        for (int k = 0; k < mix.length; k++) {
            xy[0][k] *= 10;
            xy[1][k] *= 10;
            mix[k] = 3 * xy[0][k] - 2 * xy[1][k];
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(bytes);
                OnnxTensor input = OnnxTensor.createTensor(env, new float[][] {xy[0], xy[1], mix});
                OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            float[][] r = (float[][]) value(result, OnnxExport.RECONSTRUCTION);
            double defect = 0;
            for (int k = 0; k < mix.length; k++) {
                defect = Math.max(defect, Math.abs(r[2][k] - (3 * r[0][k] - 2 * r[1][k])));
            }
            return defect;
        }
    }

    static void assertClose(float[][] expected, float[][] actual) {
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
