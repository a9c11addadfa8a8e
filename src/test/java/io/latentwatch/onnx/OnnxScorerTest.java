package io.latentwatch.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latentwatch.LatentwatchException;
import io.latentwatch.TestModels;
import io.latentwatch.train.ModelTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class OnnxScorerTest {
    private static final int FEATURES = TestModels.WINDOW * TestModels.CHANNELS.size();

    private static OnnxScorer scorer() {
        ModelTrainer.Trained t = TestModels.trained();
        return new OnnxScorer(t.onnx(), FEATURES, TestModels.CHANNELS.size(), "test");
    }

    private static float[][] windows(int n, long seed) {
        Random random = new Random(seed);
        float[][] w = new float[n][FEATURES];
        for (float[] row : w) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        return w;
    }

    @Test
    void scoresDoNotDependOnTheBatchBeyondFloatRounding() {
        try (OnnxScorer scorer = scorer()) {
            float[][] all = windows(300, 1);
            Scores together = scorer.score(all, true, true);
            for (int i = 0; i < all.length; i += 37) {
                Scores alone = scorer.score(new float[][] {all[i]}, true, true);
                assertEquals(together.score()[i], alone.score()[0], 1e-5f * Math.max(1, together.score()[i]));
                assertArrayEquals(together.channelError()[i], alone.channelError()[0], 1e-4f);
                assertArrayEquals(together.latent()[i], alone.latent()[0], 1e-4f);
                assertArrayEquals(together.reconstruction()[i], alone.reconstruction()[0], 1e-4f);
            }
        }
    }

    @Test
    void concurrentCallersGetTheSameScoresAsOne() throws Exception {
        try (OnnxScorer scorer = scorer()) {
            float[][] batch = windows(64, 2);
            float[] expected = scorer.score(batch).score();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<float[]>> results = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    int size = 1 + i % 64;
                    results.add(pool.submit(() -> {
                        float[][] part = java.util.Arrays.copyOf(batch, size);
                        return scorer.score(part).score();
                    }));
                }
                for (int i = 0; i < results.size(); i++) {
                    float[] got = results.get(i).get();
                    for (int j = 0; j < got.length; j++) {
                        assertEquals(expected[j], got[j], 1e-5f * Math.max(1, expected[j]));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void badInputAndUseAfterCloseAreRefused() {
        OnnxScorer scorer = scorer();
        LatentwatchException e = assertThrows(LatentwatchException.class,
                () -> scorer.score(new float[][] {new float[FEATURES - 1]}));
        assertEquals(true, e.getMessage().contains("expects " + FEATURES), e.getMessage());
        assertEquals(0, scorer.score(new float[0][]).size());
        scorer.close();
        scorer.close();
        assertThrows(IllegalStateException.class, () -> scorer.score(windows(1, 3)));
        assertThrows(LatentwatchException.class, () -> new OnnxScorer(new byte[] {1, 2, 3}, FEATURES, 3, "junk"));
        ModelTrainer.Trained t = TestModels.trained();
        LatentwatchException wrongSize = assertThrows(LatentwatchException.class,
                () -> new OnnxScorer(t.onnx(), FEATURES + 3, 3, "test"));
        assertEquals(true, wrongSize.getMessage().contains("[N, " + (FEATURES + 3) + "]"), wrongSize.getMessage());
    }
}
