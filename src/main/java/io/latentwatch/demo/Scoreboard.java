package io.latentwatch.demo;

import io.latentwatch.avro.AlertStatus;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.sim.InjectedAnomaly;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Matches incidents against the anomalies the simulator injected. An incident explains an anomaly
 * when its OPEN (or a later UPDATE) alert is for the same entity and that alert's window holds at
 * least one reading inside the anomaly; an incident whose OPEN alert explains none is a false
 * incident. CLOSED alerts only end incidents.
 */
public final class Scoreboard {
    private final List<InjectedAnomaly> injected;
    private final List<AnomalyAlert> alerts = new ArrayList<>();

    public Scoreboard(List<InjectedAnomaly> injected) {
        this.injected = List.copyOf(injected);
    }

    public synchronized void add(AnomalyAlert alert) {
        alerts.add(alert);
    }

    /** One injected anomaly and how it was detected: the first explaining alert's delay, if any. */
    public record Outcome(InjectedAnomaly anomaly, Optional<Duration> delay) {
        public boolean detected() {
            return delay.isPresent();
        }
    }

    /** The outcome of each injected anomaly that started before {@code horizon}. */
    public synchronized List<Outcome> outcomes(Instant horizon) {
        List<Outcome> out = new ArrayList<>();
        for (InjectedAnomaly a : injected) {
            if (!a.startTime().isBefore(horizon)) {
                continue;
            }
            Optional<Duration> delay = alerts.stream().filter(alert -> alert.getStatus() != AlertStatus.CLOSED)
                    .filter(alert -> explains(alert, a))
                    .map(alert -> Duration.between(a.startTime(), alert.getWindowEnd()))
                    .min(Duration::compareTo);
            out.add(new Outcome(a, delay));
        }
        return out;
    }

    /** Incidents whose OPEN alert explains no injected anomaly. */
    public synchronized long falseIncidents() {
        return alerts.stream().filter(alert -> alert.getStatus() == AlertStatus.OPEN)
                .filter(alert -> injected.stream().noneMatch(a -> explains(alert, a))).count();
    }

    /** Incidents opened. */
    public synchronized long incidents() {
        return alerts.stream().filter(alert -> alert.getStatus() == AlertStatus.OPEN).count();
    }

    public synchronized int alertCount() {
        return alerts.size();
    }

    static boolean explains(AnomalyAlert alert, InjectedAnomaly anomaly) {
        return alert.getEntityId().equals(anomaly.entityId())
                && !alert.getWindowEnd().isBefore(anomaly.startTime())
                && alert.getWindowStart().isBefore(anomaly.endTime());
    }
}
