package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;

/**
 * The convolutional part of a conv encoder: one strided Conv1d per entry of {@code filters} (the
 * decoder mirrors them with ConvTranspose1d), all with the same kernel and stride and "same" padding
 * {@code (kernel - 1) / 2}.
 *
 * @param filters output channels of each encoder convolution, 1 to 6 layers, each in [1, 1024]
 * @param kernel kernel length, in [1, 64]
 * @param stride stride, in [1, kernel]
 */
public record ConvShape(int[] filters, int kernel, int stride) {
    /** Two layers of 16 and 32 filters, kernel 5, stride 2. */
    public static final ConvShape DEFAULT = new ConvShape(new int[] {16, 32}, 5, 2);

    public ConvShape {
        if (filters == null || filters.length < 1 || filters.length > 6) {
            throw new LatentwatchException("filters must list 1 to 6 layer widths, got "
                    + (filters == null ? "null" : Arrays.toString(filters)));
        }
        filters = filters.clone();
        for (int i = 0; i < filters.length; i++) {
            if (filters[i] < 1 || filters[i] > 1024) {
                throw new LatentwatchException("filters[" + i + "] must be in [1, 1024], got " + filters[i]);
            }
        }
        if (kernel < 1 || kernel > 64) {
            throw new LatentwatchException("kernel must be in [1, 64], got " + kernel);
        }
        if (stride < 1 || stride > kernel) {
            throw new LatentwatchException("stride must be in [1, kernel=" + kernel + "], got " + stride);
        }
    }

    /** Zero padding on each side of every convolution. */
    public int padding() {
        return (kernel - 1) / 2;
    }

    @Override
    public int[] filters() {
        return filters.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvShape c && Arrays.equals(filters, c.filters) && kernel == c.kernel
                && stride == c.stride;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(filters) + kernel) + stride;
    }

    @Override
    public String toString() {
        return "ConvShape[filters=" + Arrays.toString(filters) + ", kernel=" + kernel + ", stride=" + stride + "]";
    }
}
