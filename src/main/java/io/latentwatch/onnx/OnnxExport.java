package io.latentwatch.onnx;

import ai.onnx.proto.OnnxMl;
import io.latentwatch.LatentwatchException;
import io.latentwatch.nn.Activation;
import io.latentwatch.nn.Dense;
import io.latentwatch.nn.DenseAutoencoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Turns a trained {@link DenseAutoencoder} into the ONNX model the detector scores with.
 *
 * <p>The graph contract, which the detector depends on: input {@value #INPUT} float {@code [N, F]}
 * with {@code F = window * channels} (time-major, as {@link io.latentwatch.features.FeatureSpec} builds
 * it) and a dynamic batch {@code N}; outputs {@value #RECONSTRUCTION} {@code [N, F]}, {@value #SCORE}
 * {@code [N]} (mean squared error over F), {@value #CHANNEL_ERROR} {@code [N, C]} (per channel, the
 * mean over the W steps of the squared error) and {@value #LATENT} {@code [N, L]}. The same inputs
 * always give byte-identical output: nothing depends on the clock, and metadata keys are sorted.
 */
public final class OnnxExport {
    /** ONNX operator set the graph uses; ReduceMean still takes its axes as an attribute there. */
    public static final int OPSET = 13;
    /** IR version 7 is the one that introduced opset 13, so any runtime reading opset 13 reads it. */
    public static final long IR_VERSION = 7;
    public static final String INPUT = "input";
    public static final String RECONSTRUCTION = "reconstruction";
    public static final String SCORE = "score";
    public static final String CHANNEL_ERROR = "channel_error";
    public static final String LATENT = "latent";
    public static final String PRODUCER = "latentwatch";

    private OnnxExport() {
    }

    /**
     * Builds the graph of {@code model} for windows of {@code window} steps of {@code channels} channels
     * and returns the serialized {@code ModelProto}.
     *
     * @param graphName the graph's name, non-blank (ONNX tools show it; the detector logs it)
     * @param metadataProps provenance (model name, version, seed, data hash...), stored sorted by key
     */
    public static byte[] export(DenseAutoencoder model, int window, int channels, String graphName,
            Map<String, String> metadataProps) {
        return exportModel(model, window, channels, graphName, metadataProps).toByteArray();
    }

    /** As {@link #export} but returns the protobuf message, for callers that inspect it. */
    public static OnnxMl.ModelProto exportModel(DenseAutoencoder model, int window, int channels, String graphName,
            Map<String, String> metadataProps) {
        validate(model, window, channels, graphName, metadataProps);
        return wrap(buildGraph(model, window, channels, graphName), "Dense autoencoder over windows of " + window
                + " steps x " + channels + " channels (time-major); outputs reconstruction, score, channel_error,"
                + " latent.", metadataProps);
    }

    private static OnnxMl.GraphProto buildGraph(DenseAutoencoder model, int window, int channels, String name) {
        ONNXContext ctx = new ONNXContext();
        ctx.setName(name);
        ONNXPlaceholder input = ctx.floatInput(INPUT, window * channels);
        ContractOutputs outputs = declareOutputs(ctx, window * channels, channels, model.config().latent());

        List<Dense> layers = model.layers();
        ONNXRef<?> h = input;
        ONNXRef<?> latent = null;
        for (int l = 0; l < layers.size(); l++) {
            h = dense(ctx, h, layers.get(l), "layer" + l);
            if (l == model.encoderLayerCount() - 1) {
                latent = h;
            }
        }
        return finishGraph(ctx, outputs, input, h, latent, window, channels);
    }

    /** The four outputs of the detector contract, declared in contract order. */
    record ContractOutputs(ONNXPlaceholder reconstruction, ONNXPlaceholder score, ONNXPlaceholder channelError,
            ONNXPlaceholder latent) {
    }

    static ContractOutputs declareOutputs(ONNXContext ctx, int features, int channels, int latent) {
        return new ContractOutputs(ctx.floatOutput(RECONSTRUCTION, features), ctx.floatOutput(SCORE, 1),
                ctx.floatOutput(CHANNEL_ERROR, channels), ctx.floatOutput(LATENT, latent));
    }

    /**
     * Adds score and channel_error from {@code input} and the flat {@code reconstruction}, assigns the four
     * outputs and builds the graph.
     */
    static OnnxMl.GraphProto finishGraph(ONNXContext ctx, ContractOutputs outputs, ONNXRef<?> input,
            ONNXRef<?> reconstruction, ONNXRef<?> latent, int window, int channels) {
        ONNXNode error = ctx.operation(ONNXOperators.SUB, List.of(input, reconstruction), "error");
        ONNXNode squared = ctx.operation(ONNXOperators.MUL, List.of(error, error), "squared_error");
        ONNXNode score = squared.apply(ONNXOperators.REDUCE_MEAN, reduceOverAxis1());
        ONNXInitializer stepsShape = ctx.array("window_shape", new long[] {-1, window, channels});
        ONNXNode byStep = ctx.operation(ExtraOnnxOperators.RESHAPE, List.of(squared, stepsShape),
                "squared_error_by_step");
        ONNXNode channelError = byStep.apply(ONNXOperators.REDUCE_MEAN, reduceOverAxis1());

        reconstruction.assignTo(outputs.reconstruction());
        score.assignTo(outputs.score());
        channelError.assignTo(outputs.channelError());
        latent.assignTo(outputs.latent());
        return withRankOneScore(ctx.buildGraph());
    }

    /** The ModelProto around {@code graph}: IR version, producer, opset 13 and metadata sorted by key. */
    static OnnxMl.ModelProto wrap(OnnxMl.GraphProto graph, String doc, Map<String, String> metadataProps) {
        OnnxMl.ModelProto.Builder builder = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName(PRODUCER)
                .setDomain("io.latentwatch")
                .setDocString(doc)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph);
        for (Map.Entry<String, String> e : new TreeMap<>(metadataProps).entrySet()) {
            builder.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder()
                    .setKey(e.getKey()).setValue(e.getValue()));
        }
        return builder.build();
    }

    /** {@code activation(x W + b)} as Gemm plus an activation node; identity adds no node. */
    static ONNXRef<?> dense(ONNXContext ctx, ONNXRef<?> x, Dense layer, String prefix) {
        ONNXInitializer weights = ctx.floatTensor(prefix + "_weight", List.of(layer.inputSize(), layer.outputSize()),
                buffer -> buffer.put(layer.weights()));
        ONNXInitializer bias = ctx.array(prefix + "_bias", layer.bias());
        ONNXNode gemm = ctx.operation(ONNXOperators.GEMM, List.of(x, weights, bias), prefix + "_gemm");
        switch (layer.activation()) {
            case RELU:
                return gemm.apply(ExtraOnnxOperators.RELU, prefix + "_relu");
            case LEAKY_RELU:
                return ctx.operation(ExtraOnnxOperators.LEAKY_RELU, List.of(gemm), prefix + "_leaky_relu",
                        Map.of("alpha", Activation.DEFAULT_LEAKY_SLOPE));
            case TANH:
                return gemm.apply(ExtraOnnxOperators.TANH, prefix + "_tanh");
            case SIGMOID:
                return gemm.apply(ONNXOperators.SIGMOID, prefix + "_sigmoid");
            case IDENTITY:
                return gemm;
            default:
                throw new LatentwatchException("no ONNX export for activation " + layer.activation());
        }
    }

    /** ReduceMean over axis 1 without keeping it; a LinkedHashMap so attribute order is stable. */
    static Map<String, Object> reduceOverAxis1() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("axes", new int[] {1});
        attributes.put("keepdims", 0);
        return attributes;
    }

    /** Tribuo declares every output as [batch, d]; the score is one number per window, so [batch]. */
    static OnnxMl.GraphProto withRankOneScore(OnnxMl.GraphProto graph) {
        OnnxMl.GraphProto.Builder builder = graph.toBuilder();
        for (int i = 0; i < builder.getOutputCount(); i++) {
            if (builder.getOutput(i).getName().equals(SCORE)) {
                OnnxMl.TensorShapeProto shape = OnnxMl.TensorShapeProto.newBuilder()
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                        .build();
                OnnxMl.TypeProto type = OnnxMl.TypeProto.newBuilder()
                        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                                .setShape(shape))
                        .build();
                builder.setOutput(i, builder.getOutput(i).toBuilder().setType(type));
            }
        }
        return builder.build();
    }

    private static void validate(DenseAutoencoder model, int window, int channels, String graphName,
            Map<String, String> metadataProps) {
        if (model == null) {
            throw new LatentwatchException("export needs a model, got null");
        }
        if (window < 1 || channels < 1) {
            throw new LatentwatchException("window and channels must be >= 1, got window=" + window
                    + " channels=" + channels);
        }
        if ((long) window * channels != model.config().inputSize()) {
            throw new LatentwatchException("window*channels = " + window + "*" + channels + " = "
                    + (long) window * channels + " must equal the model's inputSize " + model.config().inputSize());
        }
        validateNames(graphName, metadataProps);
    }

    static void validateNames(String graphName, Map<String, String> metadataProps) {
        if (graphName == null || graphName.isBlank()) {
            throw new LatentwatchException("graphName must be non-blank, got '" + graphName + "'");
        }
        if (metadataProps == null) {
            throw new LatentwatchException("metadataProps must be a map (possibly empty), got null");
        }
        for (Map.Entry<String, String> e : metadataProps.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                throw new LatentwatchException("metadata entries need a non-empty key and a value, got "
                        + e.getKey() + "=" + e.getValue());
            }
        }
    }
}
