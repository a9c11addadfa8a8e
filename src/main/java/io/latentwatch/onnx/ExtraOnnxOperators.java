package io.latentwatch.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * Opset 13 operators the exporter needs that Tribuo's {@link org.tribuo.util.onnx.ONNXOperators} lacks,
 * with the attributes the exporter sets (all optional in ONNX).
 */
enum ExtraOnnxOperators implements ONNXOperator {
    /** Element-wise {@code max(0, x)}. */
    RELU("Relu", 1, 0),
    /** Element-wise {@code x} or {@code alpha * x} below 0. */
    LEAKY_RELU("LeakyRelu", 1, 0, attribute("alpha", AttributeType.FLOAT)),
    /** Element-wise hyperbolic tangent. */
    TANH("Tanh", 1, 0),
    /** Element-wise {@code e^x}. */
    EXP("Exp", 1, 0),
    /** Reshapes the first input to the int64 shape given as the second; -1 infers one dimension. */
    RESHAPE("Reshape", 2, 0),
    /** Permutes the axes as {@code perm} says. */
    TRANSPOSE("Transpose", 1, 0, attribute("perm", AttributeType.INTS)),
    /** N-d convolution of X [N, C, L] with W [M, C, k] and optional bias B [M]. */
    CONV("Conv", 2, 1, attribute("kernel_shape", AttributeType.INTS), attribute("strides", AttributeType.INTS),
            attribute("pads", AttributeType.INTS)),
    /** Transposed convolution of X [N, C, L] with W [C, M, k] and optional bias B [M]. */
    CONV_TRANSPOSE("ConvTranspose", 2, 1, attribute("kernel_shape", AttributeType.INTS),
            attribute("strides", AttributeType.INTS), attribute("pads", AttributeType.INTS),
            attribute("output_padding", AttributeType.INTS));

    private final String opName;
    private final int inputs;
    private final int optionalInputs;
    private final Map<String, ONNXAttribute> attributes;

    ExtraOnnxOperators(String opName, int inputs, int optionalInputs, ONNXAttribute... attributes) {
        this.opName = opName;
        this.inputs = inputs;
        this.optionalInputs = optionalInputs;
        Map<String, ONNXAttribute> map = new LinkedHashMap<>();
        for (ONNXAttribute a : attributes) {
            map.put(a.getName(), a);
        }
        this.attributes = Collections.unmodifiableMap(map);
    }

    private static ONNXAttribute attribute(String name, AttributeType type) {
        return new ONNXAttribute(name, type, false);
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return optionalInputs;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return Collections.emptySet();
    }

    @Override
    public int getOpVersion() {
        return OnnxExport.OPSET;
    }

    /** Null means the default ONNX domain, as in Tribuo's own operators. */
    @Override
    public String getOpDomain() {
        return null;
    }
}
