package io.latentwatch.broker;

import io.latentwatch.LatentwatchException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates topics on a single-node cluster and waits until every partition has a leader, so
 * that a producer started right afterwards does not race the metadata propagation.
 */
public final class Topics {

    private static final Duration POLL = Duration.ofMillis(50);

    private Topics() {
    }

    /**
     * Creates the named topics with {@code partitions} partitions and replication factor 1;
     * topics that already exist are left as they are.
     *
     * @throws LatentwatchException if the arguments are invalid, creation fails, or the
     *     partitions have no leader within {@code timeout}
     */
    public static void create(Admin admin, int partitions, Duration timeout, String... names) {
        if (partitions < 1) {
            throw new LatentwatchException("partitions must be at least 1, got " + partitions);
        }
        if (names.length == 0) {
            throw new LatentwatchException("createTopics needs at least one topic name, got none");
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new LatentwatchException("topic names must not be blank, got "
                        + Arrays.toString(names));
            }
            topics.add(new NewTopic(name, Optional.of(partitions), Optional.of((short) 1)));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            var results = admin.createTopics(topics).values();
            for (var entry : results.entrySet()) {
                try {
                    entry.getValue().get(remaining(deadline), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    // An existing topic is what the caller asked for; anything else is a failure.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new LatentwatchException("could not create topic '" + entry.getKey()
                                + "': " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, List.of(names), deadline, timeout);
        } catch (TimeoutException e) {
            throw new LatentwatchException("topics " + Arrays.toString(names)
                    + " were not created within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LatentwatchException("interrupted while creating topics "
                    + Arrays.toString(names), e);
        }
    }

    private static void awaitLeaders(Admin admin, List<String> names, long deadline,
            Duration timeout) throws InterruptedException, TimeoutException {
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names)
                        .allTopicNames().get(remaining(deadline), TimeUnit.NANOSECONDS);
                if (described.values().stream().allMatch(Topics::allPartitionsLed)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new LatentwatchException("could not describe topics " + names + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new LatentwatchException("topics " + names + " had partitions without a leader "
                        + "after " + timeout);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static boolean allPartitionsLed(TopicDescription description) {
        return description.partitions().stream().map(TopicPartitionInfo::leader)
                .allMatch(leader -> leader != null && !leader.isEmpty());
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }
}
