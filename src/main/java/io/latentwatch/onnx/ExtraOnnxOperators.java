package io.latentwatch.onnx;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * Opset 13 operators the exporter needs that Tribuo's {@link org.tribuo.util.onnx.ONNXOperators} lacks.
 *
 * <p>None of them takes an attribute in opset 13 (Reshape's {@code allowzero} arrived in opset 14).
 */
enum ExtraOnnxOperators implements ONNXOperator {
    /** Element-wise {@code max(0, x)}. */
    RELU("Relu", 1),
    /** Element-wise hyperbolic tangent. */
    TANH("Tanh", 1),
    /** Reshapes the first input to the int64 shape given as the second; -1 infers one dimension. */
    RESHAPE("Reshape", 2);

    private final String opName;
    private final int inputs;

    ExtraOnnxOperators(String opName, int inputs) {
        this.opName = opName;
        this.inputs = inputs;
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
        return 0;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return Collections.emptyMap();
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
