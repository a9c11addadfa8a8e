package io.latentwatch.features;

import io.latentwatch.LatentwatchException;
import io.latentwatch.data.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/** Cuts a whole series into windows with the same {@link WindowBuffer} the detector uses. */
public final class Windows {
    private Windows() {
    }

    public static List<Window> cut(TimeSeries series, FeatureSpec spec) {
        if (!series.channels().equals(spec.channels())) {
            throw new LatentwatchException("series channels " + series.channels() + " differ from the model's "
                    + spec.channels());
        }
        WindowBuffer buffer = new WindowBuffer(spec);
        List<Window> out = new ArrayList<>();
        for (int i = 0; i < series.rows(); i++) {
            if (buffer.add(series.timestamps()[i], series.values()[i])) {
                out.add(buffer.window(spec));
            }
        }
        return out;
    }

    /** The feature vectors of {@code windows} as a matrix, one row per window. */
    public static float[][] matrix(List<Window> windows) {
        float[][] m = new float[windows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = windows.get(i).features();
        }
        return m;
    }
}
