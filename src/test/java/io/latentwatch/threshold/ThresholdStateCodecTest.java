package io.latentwatch.threshold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ThresholdStateCodecTest {

    @Test
    void fullStatesWithTheDefaultsHaveTheStatedSizes() {
        double[] thousand = new double[1000];
        Arrays.fill(thousand, 0.25);
        TailState full = new TailState(1, 60_000, 1200, 0.1, 1, thousand);
        double[] fifty = Arrays.copyOf(thousand, 50);
        assertSize(ThresholdKind.SPOT, new SpotState(0.5, full), ThresholdStateCodec.SPOT_DEFAULT_MAX_BYTES);
        assertSize(ThresholdKind.DSPOT, new DspotState(0.5, full, fifty), ThresholdStateCodec.DSPOT_DEFAULT_MAX_BYTES);
        assertSize(ThresholdKind.EWMA, new EwmaState(0.5, 1, 2), ThresholdStateCodec.EWMA_BYTES);
        assertSize(ThresholdKind.QUANTILE, new QuantileState(0.5, thousand),
                ThresholdStateCodec.QUANTILE_DEFAULT_MAX_BYTES);
        System.out.printf("max state bytes with defaults: SPOT %d, DSPOT %d, EWMA %d, QUANTILE %d%n",
                ThresholdStateCodec.SPOT_DEFAULT_MAX_BYTES, ThresholdStateCodec.DSPOT_DEFAULT_MAX_BYTES,
                ThresholdStateCodec.EWMA_BYTES, ThresholdStateCodec.QUANTILE_DEFAULT_MAX_BYTES);
    }

    @Test
    void problemsAreNamed() {
        byte[] good = ThresholdStateCodec.toBytes(new EwmaState(0, 1, 2));
        assertMessage("truncated: 3 bytes", new byte[3]);
        assertMessage("checksum mismatch", flip(good, 12));
        byte[] version = good.clone();
        version[0] = 9;
        assertMessage("version 9, this build reads version 1", resealed(version));
        byte[] kind = good.clone();
        kind[1] = 7;
        assertMessage("unknown kind code 7", resealed(kind));
        byte[] negative = good.clone();
        ByteBuffer.wrap(negative).putDouble(18, -1);
        assertMessage("EWMA variance must be finite and >= 0, got -1.0", resealed(negative));
        byte[] longer = Arrays.copyOf(good, good.length + 3);
        assertMessage("3 unexpected bytes", resealed(longer));
        byte[] shorter = Arrays.copyOf(good, good.length - 3);
        assertMessage("EWMA threshold state is truncated", resealed(shorter));
        byte[] spot = ThresholdStateCodec.toBytes(new SpotState(0, new TailState(1, 10, 2, 0, 1, new double[] {1, 2})));
        ByteBuffer.wrap(spot).putInt(10 + 40, 1_000_000);
        assertMessage("declares 1000000 values but has room for 2", resealed(spot));
    }

    @Test
    void tenThousandMangledStatesOnlyEverThrowLatentwatchException() {
        Random random = new Random(2024);
        List<byte[]> valid = validStates();
        int accepted = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = mangle(random, valid.get(random.nextInt(valid.size())), i % 4);
            try {
                ThresholdState state = ThresholdStateCodec.fromBytes(bytes);
                assertArrayEquals(bytes, ThresholdStateCodec.toBytes(state), "an accepted state round-trips");
                accepted++;
            } catch (LatentwatchException expected) {
                assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
            }
        }
        System.out.printf("codec fuzz: %d of 10000 mangled arrays decoded as valid states%n", accepted);
    }

    private static byte[] mangle(Random random, byte[] valid, int how) {
        switch (how) {
            case 0: {
                byte[] noise = new byte[random.nextInt(120)];
                random.nextBytes(noise);
                return noise;
            }
            case 1:
                return flip(valid, random.nextInt(valid.length));
            case 2:
                return Arrays.copyOf(valid, random.nextInt(valid.length + 20));
            default: {
                // Mangled fields under a correct checksum, so the field checks themselves are exercised.
                byte[] bytes = valid.clone();
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    bytes[random.nextInt(bytes.length - 4)] = (byte) random.nextInt(256);
                }
                return resealed(bytes);
            }
        }
    }

    private static List<byte[]> validStates() {
        List<byte[]> out = new ArrayList<>();
        double[] scores = SeededScores.eventful(9, 3000);
        for (ThresholdKind kind : ThresholdKind.values()) {
            ThresholdConfig config = ThresholdConfig.defaults(kind).withMaxPeaks(10).withDepth(3)
                    .withQuantile(10, 0.9, 2);
            AdaptiveThreshold threshold = Thresholds.create(config, SeededScores.gamma2(8, 200, 0.5), 1);
            for (double s : scores) {
                threshold.update(s);
            }
            out.add(ThresholdStateCodec.toBytes(threshold.state()));
        }
        return out;
    }

    private static void assertSize(ThresholdKind kind, ThresholdState state, int stated) {
        assertEquals(stated, ThresholdStateCodec.maxBytes(ThresholdConfig.defaults(kind)), kind + " maxBytes");
        byte[] bytes = ThresholdStateCodec.toBytes(state);
        assertEquals(stated, bytes.length, kind + " encoded size");
        assertEquals(state, ThresholdStateCodec.fromBytes(bytes));
    }

    private static void assertMessage(String fragment, byte[] bytes) {
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> ThresholdStateCodec.fromBytes(bytes));
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should contain '" + fragment + "'");
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] out = bytes.clone();
        out[at] ^= 0x5a;
        return out;
    }

    /** The bytes with a correct checksum over all but their last four. */
    private static byte[] resealed(byte[] bytes) {
        byte[] out = bytes.clone();
        if (out.length >= 4) {
            CRC32 crc = new CRC32();
            crc.update(out, 0, out.length - 4);
            ByteBuffer.wrap(out).putInt(out.length - 4, (int) crc.getValue());
        }
        return out;
    }
}
