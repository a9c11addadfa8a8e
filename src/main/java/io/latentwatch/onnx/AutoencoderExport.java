package io.latentwatch.onnx;

import ai.onnx.proto.OnnxMl;
import io.latentwatch.LatentwatchException;
import io.latentwatch.nn.ActivationLayer;
import io.latentwatch.nn.Autoencoder;
import io.latentwatch.nn.AutoencoderSpec;
import io.latentwatch.nn.Conv1d;
import io.latentwatch.nn.ConvTranspose1d;
import io.latentwatch.nn.Dense;
import io.latentwatch.nn.Layer;
import io.latentwatch.nn.Permute;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Turns a trained {@link Autoencoder} of any architecture into the detector's ONNX model (the contract
 * of {@link OnnxExport}: input {@code [N, W*C]} time-major; outputs reconstruction, score, channel_error
 * and latent), and a VAE's decoder into a generator model ({@value OnnxExport#LATENT} {@code [N, L]} in,
 * {@value OnnxExport#RECONSTRUCTION} {@code [N, F]} out).
 *
 * <p>Convolutional layers run on {@code [N, C, L]} tensors: the exporter reshapes between flat and
 * channels-first forms where the layers need it, and a {@link Permute} becomes Reshape plus Transpose.
 * The graph takes the inference path: clean input and, for a VAE, the code {@code z = mean}, which is
 * also the {@value OnnxExport#LATENT} output. Same model and arguments give byte-identical output.
 */
public final class AutoencoderExport {
    private AutoencoderExport() {
    }

    /** The detector model of {@code model}, serialized; metadata is stored sorted by key. */
    public static byte[] export(Autoencoder model, String graphName, Map<String, String> metadataProps) {
        check(model, graphName, metadataProps);
        return graph(List.of(model), graphName, metadataProps);
    }

    /**
     * An ensemble of models of one shape as one graph: every member reconstructs the input, the
     * reconstruction output is their mean ({@link Autoencoder#meanReconstruction}), score and
     * channel_error are computed from it as for one model, and latent is the first member's code.
     */
    public static byte[] exportEnsemble(List<Autoencoder> members, String graphName,
                                        Map<String, String> metadataProps) {
        if (members == null || members.size() < 2) {
            throw new LatentwatchException("an ensemble needs at least 2 members, got "
                    + (members == null ? 0 : members.size()));
        }
        check(members.get(0), graphName, metadataProps);
        return graph(members, graphName, metadataProps);
    }

    /** One model's graph, or with several members their ensemble's (node names prefixed per member). */
    private static byte[] graph(List<Autoencoder> members, String graphName, Map<String, String> metadataProps) {
        AutoencoderSpec spec = members.get(0).spec();
        ONNXContext ctx = new ONNXContext();
        ctx.setName(graphName);
        ONNXPlaceholder input = ctx.floatInput(OnnxExport.INPUT, spec.inputSize());
        OnnxExport.ContractOutputs outputs = OnnxExport.declareOutputs(ctx, spec.inputSize(), spec.channels(),
                spec.latent());
        Builder b = new Builder(ctx);
        boolean ensemble = members.size() > 1;
        ONNXRef<?> reconstruction = null;
        Tensor firstLatent = null;
        for (int i = 0; i < members.size(); i++) {
            Autoencoder m = members.get(i);
            if (!m.spec().equals(spec)) {
                throw new LatentwatchException("ensemble member " + i + " has shape " + m.spec() + ", member 0 has "
                        + spec);
            }
            String p = ensemble ? "m" + i + "_" : "";
            Tensor h = b.run(m.encoder(), new Tensor(input, 0, 0), p + "encoder");
            if (m.meanHead() != null) {
                h = b.layer(m.meanHead(), h, p + "mean");
            }
            Tensor latent = b.flat(h, p + "latent");
            Tensor own = b.flat(b.run(m.decoder(), latent, p + "decoder"), p + "reconstruction");
            firstLatent = firstLatent == null ? latent : firstLatent;
            reconstruction = reconstruction == null ? own.ref()
                    : ctx.operation(ONNXOperators.ADD, List.of(reconstruction, own.ref()), p + "sum");
        }
        if (ensemble) {
            reconstruction = ctx.operation(ONNXOperators.MUL, List.of(reconstruction,
                    ctx.array("ensemble_scale", new float[] {1f / members.size()})), "ensemble_reconstruction");
        }
        OnnxMl.GraphProto graph = OnnxExport.finishGraph(ctx, outputs, input, reconstruction, firstLatent.ref(),
                spec.window(), spec.channels());
        String what = ensemble ? "ensemble of " + members.size() + " " + spec.kind().word() + " autoencoders ("
                + spec.encoder().word() + " encoder; reconstruction is their mean, latent member 0's)"
                : spec.kind().word() + " autoencoder (" + spec.encoder().word() + " encoder)";
        return OnnxExport.wrap(graph, what + " over windows of " + spec.window() + " steps x " + spec.channels()
                + " channels (time-major); outputs reconstruction, score, channel_error, latent.", metadataProps)
                .toByteArray();
    }

    /** The decoder of {@code model} alone: latent codes in, reconstructed windows out, for generation. */
    public static byte[] exportDecoder(Autoencoder model, String graphName, Map<String, String> metadataProps) {
        check(model, graphName, metadataProps);
        AutoencoderSpec spec = model.spec();
        ONNXContext ctx = new ONNXContext();
        ctx.setName(graphName);
        ONNXPlaceholder latent = ctx.floatInput(OnnxExport.LATENT, spec.latent());
        ONNXPlaceholder out = ctx.floatOutput(OnnxExport.RECONSTRUCTION, spec.inputSize());
        Builder b = new Builder(ctx);
        Tensor reconstruction = b.flat(b.run(model.decoder(), new Tensor(latent, 0, 0), "decoder"),
                "reconstruction");
        reconstruction.ref().assignTo(out);
        return OnnxExport.wrap(ctx.buildGraph(), spec.kind().word() + " decoder: latent [N, " + spec.latent()
                + "] to time-major windows [N, " + spec.inputSize() + "].", metadataProps).toByteArray();
    }

    private static void check(Autoencoder model, String graphName, Map<String, String> metadataProps) {
        if (model == null) {
            throw new LatentwatchException("export needs a model, got null");
        }
        OnnxExport.validateNames(graphName, metadataProps);
    }

    /** A value in the graph: flat {@code [N, K]} when {@code channels} is 0, else {@code [N, channels, length]}. */
    private record Tensor(ONNXRef<?> ref, int channels, int length) {
        boolean flat() {
            return channels == 0;
        }
    }

    /** Emits layers as nodes, naming each after its stage and position so names are unique and stable. */
    private static final class Builder {
        private final ONNXContext ctx;
        private int shapes;

        Builder(ONNXContext ctx) {
            this.ctx = ctx;
        }

        Tensor run(List<Layer> layers, Tensor x, String stage) {
            Tensor h = x;
            for (int l = 0; l < layers.size(); l++) {
                h = layer(layers.get(l), h, stage + l);
            }
            return h;
        }

        Tensor layer(Layer layer, Tensor x, String name) {
            if (layer instanceof Dense d) {
                return new Tensor(OnnxExport.dense(ctx, flat(x, name).ref(), d, name), 0, 0);
            }
            if (layer instanceof ActivationLayer a) {
                return new Tensor(activation(a, x.ref(), name), x.channels(), x.length());
            }
            if (layer instanceof Conv1d c) {
                Tensor in = channelsFirst(x, c.inChannels(), c.length(), name);
                Map<String, Object> attributes = convAttributes(c.kernel(), c.stride(), c.padding());
                ONNXRef<?> y = ctx.operation(ExtraOnnxOperators.CONV, List.of(in.ref(), weights(name, c.outChannels(),
                        c.inChannels(), c.kernel(), c.weights()), ctx.array(name + "_bias", c.bias())), name + "_conv",
                        attributes);
                return new Tensor(y, c.outChannels(), c.outLength());
            }
            if (layer instanceof ConvTranspose1d c) {
                Tensor in = channelsFirst(x, c.inChannels(), c.length(), name);
                Map<String, Object> attributes = convAttributes(c.kernel(), c.stride(), c.padding());
                attributes.put("output_padding", new int[] {c.outputPadding()});
                ONNXRef<?> y = ctx.operation(ExtraOnnxOperators.CONV_TRANSPOSE, List.of(in.ref(), weights(name,
                        c.inChannels(), c.outChannels(), c.kernel(), c.weights()), ctx.array(name + "_bias",
                        c.bias())), name + "_conv_transpose", attributes);
                return new Tensor(y, c.outChannels(), c.outLength());
            }
            if (layer instanceof Permute p) {
                return permute(p, x, name);
            }
            throw new LatentwatchException("no ONNX export for layer " + layer.getClass().getSimpleName()
                    + "; expected one of Dense, ActivationLayer, Conv1d, ConvTranspose1d, Permute");
        }

        private Tensor permute(Permute p, Tensor x, String name) {
            Map<String, Object> perm = new LinkedHashMap<>();
            perm.put("perm", new int[] {0, 2, 1});
            if (p.toChannelsFirst()) {
                // [N, W*C] -> [N, W, C] -> [N, C, W]
                ONNXRef<?> steps = reshape(flat(x, name).ref(), new long[] {-1, p.steps(), p.channels()}, name);
                return new Tensor(ctx.operation(ExtraOnnxOperators.TRANSPOSE, List.of(steps), name + "_transpose",
                        perm), p.channels(), p.steps());
            }
            // [N, C, W] -> [N, W, C] -> [N, W*C]
            Tensor in = channelsFirst(x, p.channels(), p.steps(), name);
            ONNXRef<?> t = ctx.operation(ExtraOnnxOperators.TRANSPOSE, List.of(in.ref()), name + "_transpose", perm);
            return new Tensor(reshape(t, new long[] {-1, (long) p.steps() * p.channels()}, name), 0, 0);
        }

        private ONNXRef<?> activation(ActivationLayer a, ONNXRef<?> x, String name) {
            switch (a.activation()) {
                case RELU:
                    return x.apply(ExtraOnnxOperators.RELU, name + "_relu");
                case LEAKY_RELU:
                    Map<String, Object> alpha = new LinkedHashMap<>();
                    alpha.put("alpha", a.slope());
                    return ctx.operation(ExtraOnnxOperators.LEAKY_RELU, List.of(x), name + "_leaky_relu", alpha);
                case TANH:
                    return x.apply(ExtraOnnxOperators.TANH, name + "_tanh");
                case SIGMOID:
                    return x.apply(ONNXOperators.SIGMOID, name + "_sigmoid");
                case IDENTITY:
                    return x;
                default:
                    throw new LatentwatchException("no ONNX export for activation " + a.activation());
            }
        }

        Tensor flat(Tensor x, String name) {
            if (x.flat()) {
                return x;
            }
            return new Tensor(reshape(x.ref(), new long[] {-1, (long) x.channels() * x.length()}, name), 0, 0);
        }

        private Tensor channelsFirst(Tensor x, int channels, int length, String name) {
            if (!x.flat()) {
                return x;
            }
            return new Tensor(reshape(x.ref(), new long[] {-1, channels, length}, name), channels, length);
        }

        private ONNXRef<?> reshape(ONNXRef<?> x, long[] shape, String name) {
            ONNXInitializer target = ctx.array(name + "_shape" + shapes++, shape);
            return ctx.operation(ExtraOnnxOperators.RESHAPE, List.of(x, target), name + "_reshape");
        }

        private ONNXInitializer weights(String name, int d0, int d1, int d2, float[] values) {
            return ctx.floatTensor(name + "_weight", List.of(d0, d1, d2), buffer -> buffer.put(values));
        }

        private static Map<String, Object> convAttributes(int kernel, int stride, int padding) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("kernel_shape", new int[] {kernel});
            attributes.put("strides", new int[] {stride});
            attributes.put("pads", new int[] {padding, padding});
            return attributes;
        }
    }
}
