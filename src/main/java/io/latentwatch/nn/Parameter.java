package io.latentwatch.nn;

/**
 * One trainable array and its gradient, as an optimiser sees them.
 *
 * <p>Both arrays are live views into a layer, not copies: the optimiser updates {@code values} in
 * place. {@code decays} says whether weight decay applies; it does to weights and not to biases,
 * because shrinking a bias towards 0 regularises nothing.
 */
public record Parameter(float[] values, float[] gradient, boolean decays) {
}
