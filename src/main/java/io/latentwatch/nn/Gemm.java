package io.latentwatch.nn;

/**
 * Single-threaded matrix products over row arrays ({@code float[rows][cols]}), the kernel behind the
 * layers' forward and backward passes.
 *
 * <p>Every product is written as {@code c[r][:] += a0 * b[p][:] + a1 * b[p+1][:] + a2 * b[p+2][:] +
 * a3 * b[p+3][:]}: an inner loop over whole rows, indexed from 0, that C2 turns into SIMD code. Rows
 * as separate arrays matter: the same loop over a flat array with a run-time row offset is not
 * vectorised by JDK 17 and runs about four times slower. Four rows of {@code b} per pass cut the loads
 * and stores of {@code c} to a quarter. The order of the floating-point operations depends only on
 * the shapes, so results are bit-for-bit reproducible.
 */
final class Gemm {
    private Gemm() {
    }

    /** {@code c += a · b} for {@code a} of {@code m x k}, {@code b} of {@code k x n}, {@code c} of {@code m x n}. */
    static void multiplyAdd(float[][] a, float[][] b, float[][] c, int m, int k, int n) {
        for (int r = 0; r < m; r++) {
            float[] ar = a[r];
            float[] cr = c[r];
            int p = 0;
            for (; p + 3 < k; p += 4) {
                axpy4(cr, ar[p], b[p], ar[p + 1], b[p + 1], ar[p + 2], b[p + 2], ar[p + 3], b[p + 3], n);
            }
            for (; p < k; p++) {
                axpy(cr, ar[p], b[p], n);
            }
        }
    }

    /** {@code c += aᵀ · b} for {@code a} of {@code k x m}, {@code b} of {@code k x n}, {@code c} of {@code m x n}. */
    static void transposedMultiplyAdd(float[][] a, float[][] b, float[][] c, int m, int k, int n) {
        int p = 0;
        for (; p + 3 < k; p += 4) {
            float[] a0 = a[p];
            float[] a1 = a[p + 1];
            float[] a2 = a[p + 2];
            float[] a3 = a[p + 3];
            float[] b0 = b[p];
            float[] b1 = b[p + 1];
            float[] b2 = b[p + 2];
            float[] b3 = b[p + 3];
            for (int r = 0; r < m; r++) {
                axpy4(c[r], a0[r], b0, a1[r], b1, a2[r], b2, a3[r], b3, n);
            }
        }
        for (; p < k; p++) {
            float[] ap = a[p];
            float[] bp = b[p];
            for (int r = 0; r < m; r++) {
                axpy(c[r], ap[r], bp, n);
            }
        }
    }

    /**
     * {@code flat = aᵀ · b}, row-major {@code m x n}, for {@code a} of {@code k x m} and {@code b} of
     * {@code k x n}: a weight gradient summed over the batch rows {@code k}. It is accumulated in
     * {@code scratch} ({@code m x n}, or {@code n x m} when {@code n < m}; see {@link #gradientScratch})
     * along the longer side, so that the inner loop stays long.
     */
    static void transposedProduct(float[][] a, float[][] b, int m, int k, int n, float[][] scratch, float[] flat) {
        if (n >= m) {
            zero(scratch, m, n);
            transposedMultiplyAdd(a, b, scratch, m, k, n);
            toFlat(scratch, flat, m, n);
        } else {
            zero(scratch, n, m);
            transposedMultiplyAdd(b, a, scratch, n, k, m);
            transposedToFlat(scratch, flat, m, n);
        }
    }

    /** The scratch {@link #transposedProduct} needs for an {@code m x n} result. */
    static float[][] gradientScratch(int m, int n) {
        return n >= m ? new float[m][n] : new float[n][m];
    }

    /** {@code dst[j][i] = src[i][j]} for {@code src} of {@code rows x cols}. */
    static void transpose(float[][] src, float[][] dst, int rows, int cols) {
        int i = 0;
        // Four source rows at a time, so that each destination row gets four neighbouring writes.
        for (; i + 3 < rows; i += 4) {
            float[] s0 = src[i];
            float[] s1 = src[i + 1];
            float[] s2 = src[i + 2];
            float[] s3 = src[i + 3];
            for (int j = 0; j < cols; j++) {
                float[] d = dst[j];
                d[i] = s0[j];
                d[i + 1] = s1[j];
                d[i + 2] = s2[j];
                d[i + 3] = s3[j];
            }
        }
        for (; i < rows; i++) {
            float[] s = src[i];
            for (int j = 0; j < cols; j++) {
                dst[j][i] = s[j];
            }
        }
    }

    /** Flat row-major {@code rows x cols} into row arrays. */
    static void toRows(float[] flat, float[][] dst, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, dst[i], 0, cols);
        }
    }

    /** Flat row-major {@code rows x cols} into the row arrays of its transpose ({@code cols x rows}). */
    static void toTransposedRows(float[] flat, float[][] dst, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                dst[j][i] = flat[base + j];
            }
        }
    }

    /** Row arrays back into flat row-major {@code rows x cols}. */
    static void toFlat(float[][] src, float[] flat, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            System.arraycopy(src[i], 0, flat, i * cols, cols);
        }
    }

    /** Row arrays of a {@code cols x rows} matrix into flat row-major {@code rows x cols} (its transpose). */
    static void transposedToFlat(float[][] src, float[] flat, int rows, int cols) {
        for (int j = 0; j < cols; j++) {
            float[] s = src[j];
            for (int i = 0; i < rows; i++) {
                flat[i * cols + j] = s[i];
            }
        }
    }

    static void zero(float[][] m, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            java.util.Arrays.fill(m[i], 0, cols, 0f);
        }
    }

    private static void axpy4(float[] c, float a0, float[] b0, float a1, float[] b1, float a2, float[] b2, float a3,
            float[] b3, int n) {
        for (int j = 0; j < n; j++) {
            c[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
        }
    }

    private static void axpy(float[] c, float a, float[] b, int n) {
        for (int j = 0; j < n; j++) {
            c[j] += a * b[j];
        }
    }
}
