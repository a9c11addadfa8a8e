package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;

/** Small helpers for the batch buffers layers reuse between calls. */
final class Matrices {
    private Matrices() {
    }

    /** {@code buffer} when it already has {@code rows} rows, else a new {@code [rows][width]} matrix. */
    static float[][] reuse(float[][] buffer, int rows, int width) {
        if (rows < 1) {
            throw new LatentwatchException("batch must have at least 1 row, got " + rows);
        }
        return buffer != null && buffer.length == rows && buffer[0].length == width ? buffer
                : new float[rows][width];
    }

    /** Fails unless every row of {@code x} has {@code width} elements. */
    static void checkWidth(float[][] x, int width, String layer) {
        for (int b = 0; b < x.length; b++) {
            if (x[b].length != width) {
                throw new LatentwatchException(layer + " row " + b + " has " + x[b].length + " elements, expected "
                        + width);
            }
        }
    }

    /** A copy of every row. */
    static float[][] copy(float[][] m) {
        float[][] c = new float[m.length][];
        for (int r = 0; r < m.length; r++) {
            c[r] = m[r].clone();
        }
        return c;
    }
}
