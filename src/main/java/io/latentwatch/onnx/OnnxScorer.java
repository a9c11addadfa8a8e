package io.latentwatch.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.latentwatch.LatentwatchException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Scores windows with an exported autoencoder in ONNX Runtime: one session per model, one intra-op
 * thread (Kafka Streams threads are the parallelism), and pooled direct input buffers.
 *
 * <p>Owns native memory: close it when the model is retired. Safe for use by several threads; each
 * call borrows a direct input buffer from a small pool (one per concurrent caller, grown to the largest
 * batch seen), so stream threads score concurrently without allocating. Use after {@link #close()}
 * throws {@link IllegalStateException}.
 */
public final class OnnxScorer implements AutoCloseable {
    public static final String INPUT = "input";
    public static final String SCORE = "score";
    public static final String CHANNEL_ERROR = "channel_error";
    public static final String RECONSTRUCTION = "reconstruction";
    public static final String LATENT = "latent";
    private static final Set<String> OUTPUTS = Set.of(SCORE, CHANNEL_ERROR);
    private static final Set<String> WITH_RECONSTRUCTION = Set.of(SCORE, CHANNEL_ERROR, RECONSTRUCTION);
    private static final Set<String> WITH_LATENT = Set.of(SCORE, CHANNEL_ERROR, LATENT);
    private static final Set<String> ALL = Set.of(SCORE, CHANNEL_ERROR, RECONSTRUCTION, LATENT);

    private final OrtEnvironment env;
    private final OrtSession session;
    private final int featureSize;
    private final int channels;
    private final String modelName;
    private final ConcurrentLinkedQueue<FloatBuffer> buffers =
            new ConcurrentLinkedQueue<>();
    private final ReadWriteLock lifecycle =
            new ReentrantReadWriteLock();
    private volatile boolean closed;

    /**
     * @param onnx the model file's bytes
     * @param featureSize window × channels, the width of the model's input
     * @param channels number of channels, the width of {@code channel_error}
     * @param modelName used in error messages
     */
    public OnnxScorer(byte[] onnx, int featureSize, int channels, String modelName) {
        this.featureSize = featureSize;
        this.channels = channels;
        this.modelName = modelName;
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            this.session = env.createSession(onnx, options);
        } catch (OrtException e) {
            throw new LatentwatchException("ONNX Runtime cannot load model '" + modelName + "': " + e.getMessage(), e);
        }
        try {
            checkContract();
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    private void checkContract() {
        try {
            if (!session.getInputNames().contains(INPUT)) {
                throw new LatentwatchException("model '" + modelName + "' has inputs " + session.getInputNames()
                        + ", expected one named '" + INPUT + "'");
            }
            if (!session.getOutputNames().containsAll(OUTPUTS)) {
                throw new LatentwatchException("model '" + modelName + "' has outputs " + session.getOutputNames()
                        + ", expected at least " + OUTPUTS);
            }
            long[] shape = ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(INPUT).getInfo()).getShape();
            if (shape.length != 2 || shape[1] != featureSize) {
                throw new LatentwatchException("model '" + modelName + "' takes input of shape "
                        + java.util.Arrays.toString(shape) + ", but its card describes windows of " + featureSize
                        + " features (expected [N, " + featureSize + "])");
            }
        } catch (OrtException e) {
            throw new LatentwatchException("cannot inspect model '" + modelName + "': " + e.getMessage(), e);
        }
    }

    /** The names of the graph's outputs. */
    public Set<String> outputNames() {
        return Set.copyOf(session.getOutputNames());
    }

    private static FloatBuffer allocate(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Scores a batch of feature vectors, each of length window × channels. */
    public Scores score(float[][] windows) {
        return score(windows, false, false);
    }

    /**
     * Scores a batch, also returning the reconstructions and/or latent vectors when asked (they cost
     * copying out of the runtime, so they are fetched only for the optional topics).
     */
    public Scores score(float[][] windows, boolean withReconstruction, boolean withLatent) {
        // Scoring holds the read lock so close() cannot free the session under a running call.
        lifecycle.readLock().lock();
        try {
            return scoreOpen(windows, withReconstruction, withLatent);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private Scores scoreOpen(float[][] windows, boolean withReconstruction, boolean withLatent) {
        if (closed) {
            throw new IllegalStateException("scorer for model '" + modelName + "' is closed");
        }
        int n = windows.length;
        if (n == 0) {
            return new Scores(new float[0], new float[0][], withReconstruction ? new float[0][] : null,
                    withLatent ? new float[0][] : null);
        }
        FloatBuffer pooled = buffers.poll();
        FloatBuffer input = pooled != null && pooled.capacity() >= n * featureSize ? pooled
                : allocate(Math.max(n, pooled == null ? 64 : 2 * pooled.capacity() / featureSize) * featureSize);
        try {
            return run(input, windows, withReconstruction, withLatent);
        } finally {
            buffers.offer(input);
        }
    }

    private Scores run(FloatBuffer input, float[][] windows, boolean withReconstruction, boolean withLatent) {
        int n = windows.length;
        input.clear();
        for (float[] w : windows) {
            if (w.length != featureSize) {
                throw new LatentwatchException("window has " + w.length + " features, model '" + modelName
                        + "' expects " + featureSize);
            }
            input.put(w);
        }
        input.flip();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, new long[] {n, featureSize});
             OrtSession.Result result = session.run(Map.of(INPUT, tensor), outputs(withReconstruction, withLatent))) {
            float[] score = (float[]) result.get(SCORE).orElseThrow().getValue();
            float[][] channelError = (float[][]) result.get(CHANNEL_ERROR).orElseThrow().getValue();
            if (channelError.length != n || channelError[0].length != channels) {
                throw new LatentwatchException("model '" + modelName + "' returned channel_error of " + channelError.length
                        + " x " + channelError[0].length + ", expected " + n + " x " + channels);
            }
            float[][] reconstruction = withReconstruction
                    ? (float[][]) result.get(RECONSTRUCTION).orElseThrow().getValue() : null;
            float[][] latent = withLatent ? (float[][]) result.get(LATENT).orElseThrow().getValue() : null;
            return new Scores(score, channelError, reconstruction, latent);
        } catch (OrtException e) {
            throw new LatentwatchException("ONNX Runtime failed to score " + n + " windows with model '" + modelName
                    + "': " + e.getMessage(), e);
        }
    }

    private static Set<String> outputs(boolean withReconstruction, boolean withLatent) {
        if (withReconstruction && withLatent) {
            return ALL;
        }
        return withReconstruction ? WITH_RECONSTRUCTION : withLatent ? WITH_LATENT : OUTPUTS;
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                buffers.clear();
                closeQuietly();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void closeQuietly() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new LatentwatchException("cannot close ONNX session of model '" + modelName + "'", e);
        }
    }
}
