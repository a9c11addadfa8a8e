package io.latentwatch.alert;

import static io.latentwatch.alert.IncidentConfigTest.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.latentwatch.LatentwatchException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The persisted incident state: save, restore and carry on as if nothing happened; reject damage. */
class IncidentStateCodecTest {
    static final int CHANNELS = 8;

    @Test
    void saveRestoreContinueMatchesAnUninterruptedRun() {
        IncidentConfig config = new IncidentConfig(2, 4, 8, 7);
        List<WindowVerdict> windows = seededWindows(new Random(21), 5_000);

        IncidentTracker tracker = new IncidentTracker(config);
        IncidentState state = IncidentState.EMPTY;
        List<IncidentEvent> uninterrupted = new ArrayList<>();
        for (WindowVerdict w : windows) {
            Transition t = tracker.onWindow(state, w);
            state = t.state();
            uninterrupted.addAll(t.events());
        }

        // Every window goes through the store, and at seeded points the tracker is a new instance,
        // as after a restart or a rebalance to another instance.
        Random restarts = new Random(22);
        IncidentTracker restored = new IncidentTracker(config);
        byte[] saved = IncidentStateCodec.encode(IncidentState.EMPTY);
        List<IncidentEvent> resumed = new ArrayList<>();
        for (WindowVerdict w : windows) {
            if (restarts.nextInt(50) == 0) {
                restored = new IncidentTracker(config);
            }
            Transition t = restored.onWindow(IncidentStateCodec.decode(saved), w);
            saved = IncidentStateCodec.encode(t.state());
            resumed.addAll(t.events());
        }

        assertEquals(uninterrupted, resumed);
        assertEquals(state, IncidentStateCodec.decode(saved));
        long incidents = uninterrupted.stream().filter(e -> e.status() == Status.OPEN).count();
        assertTrue(incidents >= 20, "the seeded stream should hold many incidents, got " + incidents);
        Set<Status> seen = EnumSet.noneOf(Status.class);
        Set<Severity> severities = EnumSet.noneOf(Severity.class);
        uninterrupted.forEach(e -> {
            seen.add(e.status());
            severities.add(e.severity());
        });
        assertEquals(EnumSet.allOf(Status.class), seen);
        assertEquals(EnumSet.allOf(Severity.class), severities);
    }

    @Test
    void everyReachedStateRoundTrips() {
        IncidentTracker tracker = new IncidentTracker(IncidentConfig.DEFAULT);
        IncidentState state = IncidentState.EMPTY;
        for (WindowVerdict w : seededWindows(new Random(23), 1_000)) {
            state = tracker.onWindow(state, w).state();
            byte[] bytes = IncidentStateCodec.encode(state);
            IncidentState back = IncidentStateCodec.decode(bytes);
            assertEquals(state, back);
            assertArrayEquals(bytes, IncidentStateCodec.encode(back));
        }
        assertEquals(IncidentState.EMPTY, IncidentStateCodec.decode(IncidentStateCodec.encode(IncidentState.EMPTY)));
    }

    @Test
    void stateSizeIsBoundedWhateverN() {
        assertEquals(22, IncidentStateCodec.encode(IncidentState.EMPTY).length);
        assertEquals(147, IncidentStateCodec.maxBytes(CHANNELS));
        assertEquals(32_851, IncidentStateCodec.maxBytes(WindowVerdict.MAX_CHANNELS));
        List<WindowVerdict> windows = seededWindows(new Random(24), 2_000);
        for (int n = 1; n <= IncidentConfig.MAX_N; n++) {
            IncidentTracker tracker = new IncidentTracker(new IncidentConfig(Math.max(1, n / 2), n, 8, 0));
            IncidentState state = IncidentState.EMPTY;
            int largest = 0;
            for (WindowVerdict w : windows) {
                state = tracker.onWindow(state, w).state();
                largest = Math.max(largest, IncidentStateCodec.encode(state).length);
            }
            assertEquals(IncidentStateCodec.maxBytes(CHANNELS), largest, "n=" + n);
        }
    }

    @Test
    void damagedBytesAreNamed() {
        byte[] open = openState();
        assertFails(() -> IncidentStateCodec.decode(null), "empty");
        assertFails(() -> IncidentStateCodec.decode(new byte[0]), "empty");
        byte[] wrongVersion = open.clone();
        wrongVersion[0] = 2;
        assertFails(() -> IncidentStateCodec.decode(wrongVersion), "format version 2", "expected 1");
        assertFails(() -> IncidentStateCodec.decode(Arrays.copyOf(open, open.length - 1)), "truncated",
                (open.length - 1) + " bytes");
        assertFails(() -> IncidentStateCodec.decode(Arrays.copyOf(open, open.length + 3)), "3 bytes follow");
        byte[] badFlags = open.clone();
        badFlags[21] = 4;
        assertFails(() -> IncidentStateCodec.decode(badFlags), "flags", "got 4");
        byte[] badSeverity = open.clone();
        badSeverity[22] = 9;
        assertFails(() -> IncidentStateCodec.decode(badSeverity), "severity ordinal", "[0, 3]", "got 9");
        byte[] hugeChannels = open.clone();
        Arrays.fill(hugeChannels, 27 + 52, 27 + 56, (byte) 0x7f);
        assertFails(() -> IncidentStateCodec.decode(hugeChannels), "channel count", "[1, 4096]");
    }

    @Test
    void fuzzedBytesFailOnlyWithLatentwatchException() {
        Random random = new Random(25);
        List<byte[]> valid = new ArrayList<>();
        IncidentTracker tracker = new IncidentTracker(IncidentConfig.DEFAULT);
        IncidentState state = IncidentState.EMPTY;
        for (WindowVerdict w : seededWindows(new Random(26), 400)) {
            state = tracker.onWindow(state, w).state();
            valid.add(IncidentStateCodec.encode(state));
        }
        int decoded = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = switch (i % 4) {
                case 0 -> randomBytes(random);
                case 1 -> flipBits(random, valid.get(random.nextInt(valid.size())));
                case 2 -> truncateOrExtend(random, valid.get(random.nextInt(valid.size())));
                default -> overwriteBytes(random, valid.get(random.nextInt(valid.size())));
            };
            try {
                IncidentState back = IncidentStateCodec.decode(bytes);
                decoded++;
                // Whatever decodes is canonical, and the tracker can carry on from it.
                assertArrayEquals(bytes, IncidentStateCodec.encode(back));
                tracker.onWindow(back, new WindowVerdict("e", Long.MAX_VALUE - 1, Long.MAX_VALUE, 3, 1,
                        new float[CHANNELS]));
            } catch (LatentwatchException expected) {
                assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
            } catch (RuntimeException | Error other) {
                fail("input " + i + " " + Arrays.toString(bytes) + " escaped as " + other, other);
            }
        }
        assertTrue(decoded > 100, "mutations of valid states should often stay valid, got " + decoded);
    }

    /** An open incident on {@link #CHANNELS} channels. */
    private static byte[] openState() {
        IncidentTracker tracker = new IncidentTracker(IncidentConfig.DEFAULT);
        IncidentState state = IncidentState.EMPTY;
        for (int i = 0; i < 3; i++) {
            state = tracker.onWindow(state, new WindowVerdict("e", i, i + 10, 5, 1, new float[CHANNELS])).state();
        }
        assertTrue(state.isOpen());
        return IncidentStateCodec.encode(state);
    }

    /**
     * Windows of one entity: mostly quiet, with anomalies of seeded length and height that flap
     * around the threshold and disturb one or two seeded channels, and thresholds that drift as an
     * adaptive threshold would.
     */
    static List<WindowVerdict> seededWindows(Random random, int count) {
        List<WindowVerdict> windows = new ArrayList<>(count);
        int anomalyLeft = 0;
        double height = 0;
        int channel = 0;
        for (int i = 0; i < count; i++) {
            if (anomalyLeft == 0 && random.nextInt(60) == 0) {
                anomalyLeft = 3 + random.nextInt(40);
                height = 1 + Math.exp(random.nextDouble() * Math.log(30));
                channel = random.nextInt(CHANNELS);
            }
            double threshold = 2 + 0.2 * Math.sin(i / 100.0);
            float[] errors = new float[CHANNELS];
            for (int c = 0; c < CHANNELS; c++) {
                errors[c] = 0.05f * random.nextFloat();
            }
            double ratio;
            if (anomalyLeft > 0) {
                anomalyLeft--;
                ratio = random.nextInt(5) == 0 ? 0.8 * random.nextDouble() : height * (0.6 + 0.6 * random.nextDouble());
                errors[channel] += (float) ratio;
                errors[(channel + 3) % CHANNELS] += (float) (0.3 * ratio * random.nextDouble());
            } else {
                ratio = random.nextInt(40) == 0 ? 1 + random.nextDouble() : 0.9 * random.nextDouble();
            }
            long start = 1_700_000_000_000L + 4_000L * i;
            windows.add(new WindowVerdict("pump-3", start, start + 32_000, ratio * threshold, threshold, errors));
        }
        return windows;
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        if (bytes.length > 0 && random.nextBoolean()) {
            bytes[0] = IncidentStateCodec.VERSION;
        }
        return bytes;
    }

    private static byte[] flipBits(Random random, byte[] valid) {
        byte[] bytes = valid.clone();
        for (int f = 1 + random.nextInt(3); f > 0; f--) {
            int bit = random.nextInt(bytes.length * 8);
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return bytes;
    }

    private static byte[] truncateOrExtend(Random random, byte[] valid) {
        byte[] bytes = Arrays.copyOf(valid, random.nextInt(valid.length + 16));
        for (int j = valid.length; j < bytes.length; j++) {
            bytes[j] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static byte[] overwriteBytes(Random random, byte[] valid) {
        byte[] bytes = valid.clone();
        int at = random.nextInt(bytes.length);
        byte[] junk = {0, -1, 0x7f, (byte) 0x80, 1, (byte) random.nextInt(256)};
        bytes[at] = junk[random.nextInt(junk.length)];
        return bytes;
    }
}
