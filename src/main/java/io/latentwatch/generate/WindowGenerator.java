package io.latentwatch.generate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.latentwatch.LatentwatchException;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.features.FeatureSpec;
import io.latentwatch.model.ModelCard;
import io.latentwatch.model.ModelFiles;
import io.latentwatch.onnx.OnnxExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A VAE's decoder used as a sampler of synthetic sensor data: draws latent codes from the prior
 * {@code z ~ N(0, I)}, decodes them with the model's verified {@code decoder.onnx} and returns windows
 * of readings in the channels' own units.
 *
 * <p>Owns an ONNX Runtime session: use it in try-with-resources. Not for concurrent use. Use after
 * {@link #close()} throws {@link IllegalStateException}.
 */
public final class WindowGenerator implements AutoCloseable {
    /** Windows decoded per ONNX Runtime call; bounds memory for large counts. */
    static final int BATCH = 256;

    private final ModelCard card;
    private final FeatureSpec spec;
    private final int latent;
    private final OrtEnvironment env;
    private final OrtSession session;
    private boolean closed;

    private WindowGenerator(ModelCard card, byte[] decoder) {
        this.card = card;
        this.spec = card.featureSpec();
        this.latent = card.architecture().latent();
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            this.session = env.createSession(decoder, options);
        } catch (OrtException e) {
            throw new LatentwatchException("ONNX Runtime cannot load the decoder of model '" + card.name() + "': "
                    + e.getMessage(), e);
        }
        try {
            checkContract();
        } catch (RuntimeException e) {
            closeSession();
            throw e;
        }
    }

    /**
     * Loads the model in {@code dir} for generation.
     *
     * @throws LatentwatchException when the model is not a VAE, has no decoder, was trained on time windows,
     *     or its decoder's SHA-256 differs from the card's
     */
    public static WindowGenerator load(Path dir) {
        ModelCard card = ModelFiles.readCard(dir.resolve(ModelFiles.CARD));
        String type = card.architecture().type();
        if (!"vae".equals(type)) {
            throw new LatentwatchException("model '" + card.name() + "' is a " + type + " autoencoder; generate "
                    + "needs a vae (a variational autoencoder, whose latent prior can be sampled)");
        }
        ModelCard.Onnx onnx = card.onnx();
        if (onnx.decoderFile() == null || onnx.decoderSha256() == null) {
            throw new LatentwatchException("model '" + card.name() + "' is a vae but its card " + dir.resolve(
                    ModelFiles.CARD) + " names no decoder model (onnx.decoderFile, onnx.decoderSha256); retrain it");
        }
        if (card.features().timeWindow() != null) {
            throw new LatentwatchException("model '" + card.name() + "' was trained on time-window aggregates "
                    + card.features().channels() + "; generate cannot turn aggregates back into raw readings of "
                    + card.inputChannels());
        }
        return new WindowGenerator(card, readDecoder(dir, card));
    }

    private static byte[] readDecoder(Path dir, ModelCard card) {
        Path file = dir.resolve(card.onnx().decoderFile());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new LatentwatchException("decoder model " + file + " does not exist");
        } catch (IOException e) {
            throw new LatentwatchException("cannot read decoder model " + file + ": " + e.getMessage(), e);
        }
        String actual = ModelFiles.sha256(bytes);
        if (!actual.equals(card.onnx().decoderSha256())) {
            throw new LatentwatchException("decoder model " + file + " has SHA-256 " + actual + " but its card "
                    + dir.resolve(ModelFiles.CARD) + " expects " + card.onnx().decoderSha256()
                    + "; refusing a changed or corrupt model");
        }
        return bytes;
    }

    private void checkContract() {
        try {
            if (!session.getInputNames().contains(OnnxExport.LATENT)
                    || !session.getOutputNames().contains(OnnxExport.RECONSTRUCTION)) {
                throw new LatentwatchException("decoder of model '" + card.name() + "' has inputs "
                        + session.getInputNames() + " and outputs " + session.getOutputNames() + ", expected input '"
                        + OnnxExport.LATENT + "' and output '" + OnnxExport.RECONSTRUCTION + "'");
            }
            long[] shape = ((TensorInfo) session.getInputInfo().get(OnnxExport.LATENT).getInfo()).getShape();
            if (shape.length != 2 || shape[1] != latent) {
                throw new LatentwatchException("decoder of model '" + card.name() + "' takes latent codes of shape "
                        + Arrays.toString(shape) + ", but its card says latent " + latent + " (expected [N, " + latent
                        + "])");
            }
        } catch (OrtException e) {
            throw new LatentwatchException("cannot inspect the decoder of model '" + card.name() + "': "
                    + e.getMessage(), e);
        }
    }

    public ModelCard card() {
        return card;
    }

    /** Width of the latent codes the decoder takes. */
    public int latentSize() {
        return latent;
    }

    /**
     * Decodes latent codes into windows in the channels' own units: {@code [n][window][channel]}.
     *
     * @param codes {@code n} codes of {@link #latentSize()} values each
     */
    public double[][][] decode(float[][] codes) {
        if (closed) {
            throw new IllegalStateException("generator for model '" + card.name() + "' is closed");
        }
        int n = codes.length;
        int window = spec.window();
        int channels = spec.channelCount();
        int stride = spec.featureChannels(); // seasonal differences, if any, follow the channels and are left out
        float[][] flat;
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, codes);
             OrtSession.Result result = session.run(Map.of(OnnxExport.LATENT, tensor))) {
            flat = (float[][]) result.get(OnnxExport.RECONSTRUCTION).orElseThrow().getValue();
        } catch (OrtException e) {
            throw new LatentwatchException("ONNX Runtime failed to decode " + n + " latent codes with model '"
                    + card.name() + "': " + e.getMessage(), e);
        }
        double[][][] windows = new double[n][window][channels];
        for (int i = 0; i < n; i++) {
            if (flat[i].length != window * stride) {
                throw new LatentwatchException("decoder of model '" + card.name() + "' returned " + flat[i].length
                        + " values per window, expected window x inputs per step = " + window * stride);
            }
            for (int t = 0; t < window; t++) {
                for (int c = 0; c < channels; c++) {
                    windows[i][t][c] = spec.denormalise(c, flat[i][t * stride + c]);
                }
            }
        }
        return windows;
    }

    /**
     * Samples {@code request.windows()} windows and writes each as {@code window} consecutive readings to
     * {@code sink}; the same request gives the same readings.
     *
     * @return readings written
     */
    public long generate(GenerationRequest request, ReadingSink sink) {
        Random random = new Random(request.seed());
        List<String> channels = spec.channels();
        long stepMs = request.step().toMillis();
        long time = request.start().toEpochMilli();
        long written = 0;
        for (int done = 0; done < request.windows(); done += BATCH) {
            float[][] codes = new float[Math.min(BATCH, request.windows() - done)][latent];
            for (float[] code : codes) {
                for (int l = 0; l < latent; l++) {
                    code[l] = (float) random.nextGaussian();
                }
            }
            for (double[][] window : decode(codes)) {
                for (double[] row : window) {
                    Map<String, Double> values = new LinkedHashMap<>();
                    for (int c = 0; c < channels.size(); c++) {
                        values.put(channels.get(c), row[c]);
                    }
                    sink.write(new SensorReading(request.entity(), Instant.ofEpochMilli(time), values, null));
                    time += stepMs;
                    written++;
                }
            }
        }
        return written;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeSession();
        }
    }

    private void closeSession() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new LatentwatchException("cannot close the decoder session of model '" + card.name() + "'", e);
        }
    }
}
