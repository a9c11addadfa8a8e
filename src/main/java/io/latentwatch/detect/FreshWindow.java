package io.latentwatch.detect;

import io.latentwatch.features.FeatureSpec;
import io.latentwatch.features.Window;

/**
 * A complete window on its way from windowing to scoring, with the feature spec that normalised it,
 * so that a window cut just before a model swap can be renormalised for the model that scores it.
 */
public record FreshWindow(Window window, FeatureSpec normalisedWith) {
}
