package io.latentwatch.alert;

import static io.latentwatch.alert.IncidentConfigTest.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The incident lifecycle on hand-made and seeded score sequences. */
class IncidentTrackerTest {
    static final String ENTITY = "pump-7";
    static final double THRESHOLD = 2.0;
    static final long HOP_MS = 4_000;
    static final long WINDOW_MS = 32_000;

    @Test
    void oneAnomalyOpensOnceAndClosesOnce() {
        Random random = new Random(11);
        double[] ratios = new double[300];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = 0.3 + 0.5 * random.nextDouble();
        }
        for (int i = 120; i < 150; i++) {
            ratios[i] = 1.2 + 3 * random.nextDouble();
        }
        Run run = Run.of(IncidentConfig.DEFAULT, ratios);

        List<IncidentEvent> opens = run.with(Status.OPEN);
        List<IncidentEvent> closes = run.with(Status.CLOSED);
        assertEquals(1, opens.size(), run.events.toString());
        assertEquals(1, closes.size(), run.events.toString());
        IncidentEvent open = opens.get(0);
        IncidentEvent closed = closes.get(0);
        assertEquals(end(121), open.windowEnd(), "k=2: opens on the second crossing");
        assertEquals(ENTITY + "-" + end(120), open.incidentId(), "the id names the first crossing");
        assertEquals(open.incidentId(), closed.incidentId());
        assertEquals(start(120), closed.firstWindowStart());
        assertEquals(end(149), closed.lastWindowEnd());
        assertEquals(end(157), closed.windowEnd(), "m=8: closes on the eighth quiet window");
        assertEquals(30, closed.windowsAbove());
        assertEquals(37, closed.windowsOpen(), "windows 121..157");
        double peak = 0;
        for (int i = 120; i < 150; i++) {
            peak = Math.max(peak, ratios[i]);
        }
        assertEquals(peak, closed.peakRatio(), 1e-12);
        assertEquals(peak * THRESHOLD, closed.peakScore(), 1e-12);
    }

    @Test
    void isolatedSpikesDoNotOpen() {
        Random random = new Random(12);
        double[] ratios = new double[2_000];
        for (int i = 0; i < ratios.length; i++) {
            // A lone spike every 4 to 10 windows: never two within the last n=4.
            ratios[i] = 0.5 * random.nextDouble();
        }
        for (int i = 3; i < ratios.length; i += 4 + random.nextInt(7)) {
            ratios[i] = 1.1 + 20 * random.nextDouble();
        }
        Run run = Run.of(IncidentConfig.DEFAULT, ratios);
        assertEquals(List.of(), run.events);
        assertTrue(run.state.episode() == null || run.state.episode().windowsAbove() == 1);
    }

    @Test
    void flappingAroundTheThresholdStaysOneIncident() {
        Random random = new Random(13);
        List<Double> ratios = new ArrayList<>(List.of(1.2, 1.2));
        for (int i = 0; i < 500; i++) {
            // Quiet stretches of up to m-1 = 7 windows between crossings never meet the close rule.
            int quiet = 1 + random.nextInt(7);
            for (int q = 0; q < quiet; q++) {
                ratios.add(0.9 + 0.09 * random.nextDouble());
            }
            ratios.add(1.01 + 0.09 * random.nextDouble());
        }
        for (int q = 0; q < 8; q++) {
            ratios.add(0.5);
        }
        Run run = Run.of(IncidentConfig.DEFAULT, ratios.stream().mapToDouble(Double::doubleValue).toArray());
        assertEquals(List.of(Status.OPEN, Status.CLOSED), run.statuses());
        assertEquals(502, run.events.get(1).windowsAbove());
        assertEquals(Severity.LOW, run.events.get(1).severity());
    }

    @Test
    void updatesExactlyWhenSeverityRises() {
        double[] ratios = {0.5, 1.2, 1.3, 1.4, 2.0, 2.9, 2.5, 4.0, 3.5, 9.0, 1.1, 20, 30, 0.5, 1.4, 50};
        Run run = Run.of(IncidentConfig.DEFAULT, ratios);
        assertEquals(List.of(Status.OPEN, Status.UPDATE, Status.UPDATE, Status.UPDATE), run.statuses());
        assertEquals(List.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL),
                run.events.stream().map(IncidentEvent::severity).toList());
        assertEquals(List.of(end(2), end(4), end(7), end(11)),
                run.events.stream().map(IncidentEvent::windowEnd).toList());
        IncidentEvent critical = run.events.get(3);
        assertEquals(20 * THRESHOLD, critical.peakScore(), 1e-12);
        assertEquals(20 * THRESHOLD, critical.score(), 1e-12);
        assertEquals(ENTITY + "-" + end(1), critical.incidentId());
    }

    @Test
    void severityOfTheOpeningCountsTheCrossingsBeforeIt() {
        Run run = Run.of(IncidentConfig.DEFAULT, new double[] {5.0, 0.5, 1.1});
        assertEquals(List.of(Status.OPEN), run.statuses());
        assertEquals(Severity.HIGH, run.events.get(0).severity());
        assertEquals(2, run.events.get(0).windowsAbove());
    }

    @Test
    void periodicUpdatesWhenAsked() {
        double[] ratios = new double[30];
        Arrays.fill(ratios, 1.2);
        Run run = Run.of(new IncidentConfig(2, 4, 8, 5), ratios);
        // Opens on window 1 (windowsOpen 1); due at windowsOpen 6, 11, 16, 21, 26.
        assertEquals(List.of(end(1), end(6), end(11), end(16), end(21), end(26)),
                run.events.stream().map(IncidentEvent::windowEnd).toList());
        assertEquals(Status.UPDATE, run.events.get(5).status());
        assertEquals(26, run.events.get(5).windowsOpen());
    }

    @Test
    void explanationNamesTheDisturbedChannel() {
        Random random = new Random(14);
        IncidentTracker tracker = new IncidentTracker(IncidentConfig.DEFAULT);
        IncidentState state = IncidentState.EMPTY;
        List<IncidentEvent> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            boolean anomalous = i >= 20 && i < 35;
            float[] errors = new float[6];
            for (int c = 0; c < errors.length; c++) {
                errors[c] = 0.1f * random.nextFloat();
            }
            if (anomalous) {
                errors[2] += 3 + random.nextFloat();
                errors[4] += 0.5f * random.nextFloat();
            }
            double score = anomalous ? 3 + random.nextDouble() : 0.5 * random.nextDouble();
            WindowVerdict verdict = new WindowVerdict(ENTITY, start(i), end(i), score, THRESHOLD, errors);
            Transition t = tracker.onWindow(state, verdict);
            state = t.state();
            events.addAll(t.events());
        }
        IncidentEvent closed = events.get(events.size() - 1);
        assertEquals(Status.CLOSED, closed.status());
        assertEquals(3, closed.topChannels().size());
        assertEquals(2, closed.topChannels().get(0).channel());
        assertEquals(4, closed.topChannels().get(1).channel());
        assertTrue(closed.topChannels().get(0).share() > 0.7, closed.topChannels().toString());
        for (IncidentEvent e : events) {
            assertEquals(2, e.topChannels().get(0).channel(), e.toString());
        }
    }

    @Test
    void redeliveredWindowsAreIgnored() {
        IncidentTracker tracker = new IncidentTracker(IncidentConfig.DEFAULT);
        Transition first = tracker.onWindow(IncidentState.EMPTY, verdict(0, 1.5));
        Transition opened = tracker.onWindow(first.state(), verdict(1, 1.5));
        assertEquals(List.of(Status.OPEN), opened.events().stream().map(IncidentEvent::status).toList());
        Transition again = tracker.onWindow(opened.state(), verdict(1, 1.5));
        Transition older = tracker.onWindow(opened.state(), verdict(0, 30));
        assertEquals(opened.state(), again.state());
        assertEquals(List.of(), again.events());
        assertEquals(opened.state(), older.state());
        assertEquals(List.of(), older.events());
    }

    @Test
    void quietStretchOfNWindowsStartsAFreshEpisode() {
        // Crossing at 0, then n=4 quiet windows: the crossings at 5 and 6 open an incident that starts at 5.
        Run run = Run.of(IncidentConfig.DEFAULT, new double[] {1.3, 0.5, 0.5, 0.5, 0.5, 1.3, 1.3});
        assertEquals(List.of(Status.OPEN), run.statuses());
        assertEquals(ENTITY + "-" + end(5), run.events.get(0).incidentId());
        assertEquals(2, run.events.get(0).windowsAbove());
    }

    @Test
    void closingClearsTheHistorySoTheNextIncidentNeedsKFreshCrossings() {
        // m=2 < n=4: without clearing, one crossing right after the close would reopen with the old bits.
        IncidentConfig config = new IncidentConfig(2, 4, 2, 0);
        Run run = Run.of(config, new double[] {1.3, 1.3, 0.5, 0.5, 1.3, 0.5, 1.3});
        assertEquals(List.of(Status.OPEN, Status.CLOSED, Status.OPEN), run.statuses());
        assertEquals(ENTITY + "-" + end(4), run.events.get(2).incidentId());
        assertEquals(end(6), run.events.get(2).windowEnd());
    }

    @Test
    void badVerdictsAndMissingConfigAreNamed() {
        assertFails(() -> new IncidentTracker(null), "incident config", "null");
        float[] ok = {1f};
        assertFails(() -> new WindowVerdict(" ", 0, 1, 1, 1, ok), "entity", "blank");
        assertFails(() -> new WindowVerdict("e", 5, 4, 1, 1, ok), "windowEnd", "windowStart=5", "got 4");
        assertFails(() -> new WindowVerdict("e", 0, 1, Double.NaN, 1, ok), "score", "got NaN");
        assertFails(() -> new WindowVerdict("e", 0, 1, 1, 0, ok), "threshold", "> 0", "got 0.0");
        assertFails(() -> new WindowVerdict("e", 0, 1, 1e300, Double.MIN_VALUE, ok), "score/threshold", "finite");
        assertFails(() -> new WindowVerdict("e", 0, 1, 1, 1, new float[0]), "channelError", "[1, 4096]", "got 0");
        assertFails(() -> new WindowVerdict("e", 0, 1, 1, 1, new float[] {1, -1}), "channelError[1]", "got -1.0");
        assertFails(() -> new WindowVerdict("e", 0, 1, 1, 1, new float[] {Float.NaN}), "channelError[0]", "NaN");
    }

    static long start(int i) {
        return 1_700_000_000_000L + i * HOP_MS;
    }

    static long end(int i) {
        return start(i) + WINDOW_MS;
    }

    static WindowVerdict verdict(int i, double ratio) {
        return new WindowVerdict(ENTITY, start(i), end(i), ratio * THRESHOLD, THRESHOLD, new float[] {1f, 2f, 3f});
    }

    /** One uninterrupted pass of a tracker over windows with the given score/threshold ratios. */
    record Run(IncidentState state, List<IncidentEvent> events) {
        static Run of(IncidentConfig config, double[] ratios) {
            IncidentTracker tracker = new IncidentTracker(config);
            IncidentState state = IncidentState.EMPTY;
            List<IncidentEvent> events = new ArrayList<>();
            for (int i = 0; i < ratios.length; i++) {
                Transition t = tracker.onWindow(state, verdict(i, ratios[i]));
                state = t.state();
                events.addAll(t.events());
            }
            return new Run(state, events);
        }

        List<IncidentEvent> with(Status status) {
            return events.stream().filter(e -> e.status() == status).toList();
        }

        List<Status> statuses() {
            return events.stream().map(IncidentEvent::status).toList();
        }
    }
}
