package studio.codebook.training.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.model.ModelFileException;

class AttributeClassifierTest {

    @TempDir
    Path dir;

    private static AudioClip noise(int frames, int rate, long seed) {
        Random random = new Random(seed);
        float[] x = new float[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = (float) (0.1 * random.nextGaussian() + 0.3 * Math.sin(2 * Math.PI * 220 * i / rate));
        }
        return AudioClip.mono(x, rate);
    }

    @Test
    void classifiesClipsOfAnyLengthAndRateIntoDistributionsAndAnEmbedding() {
        ClassifierConfig config = ClassifierConfig.tiny();
        try (AttributeClassifier c = AttributeClassifier.create(config, 7)) {
            List<AudioClip> clips = List.of(noise(8_000, 8_000, 1), noise(16_000, 16_000, 2), noise(12_345, 8_000, 3));
            List<AttributePrediction> p = c.classify(clips);
            assertEquals(3, p.size());
            for (AttributePrediction x : p) {
                assertEquals(8, x.genre().length);
                assertEquals(8, x.lead().length);
                assertEquals(7, x.drums().length);
                assertEquals(config.embeddingSize(), x.embedding().length);
                assertEquals(1, sum(x.genre()), 1e-5);
                assertEquals(1, sum(x.lead()), 1e-5);
                assertEquals(1, sum(x.drums()), 1e-5);
            }
            // a batch of equal lengths gives what each clip gives alone
            List<AttributePrediction> pair = c.classify(List.of(clips.get(0), clips.get(0)));
            assertArrayEquals(p.get(0).genre(), pair.get(1).genre(), 1e-5f);
        }
    }

    @Test
    void aSavedClassifierLoadsBackBitIdentical() throws Exception {
        AudioClip clip = noise(10_000, 8_000, 4);
        try (AttributeClassifier c = AttributeClassifier.create(ClassifierConfig.tiny(), 8)) {
            AttributePrediction before = c.classify(clip);
            c.noteTraining("data", "nowhere");
            c.save(dir.resolve("clf"));
            try (AttributeClassifier back = AttributeClassifier.load(dir.resolve("clf"))) {
                AttributePrediction after = back.classify(clip);
                assertArrayEquals(before.genre(), after.genre());
                assertArrayEquals(before.lead(), after.lead());
                assertArrayEquals(before.drums(), after.drums());
                assertArrayEquals(before.embedding(), after.embedding());
                assertEquals(c.config(), back.config());
                assertEquals("nowhere", back.training().get("data"));
            }
        }
        ModelFileException e = assertThrows(ModelFileException.class, () -> AttributeClassifier.load(dir));
        assertTrue(e.getMessage().contains("not an attribute classifier"), e.getMessage());
        Files.writeString(dir.resolve("clf/classifier.json"), "{\"format\": \"something else\"}");
        assertThrows(ModelFileException.class, () -> AttributeClassifier.load(dir.resolve("clf")));
    }

    @Test
    void aFewStepsOnSynthClipsLiftAccuracyAboveChance() {
        List<LabeledClip> clips = ClassifierFixtures.synthClips(6, 1.5, 11); // 24 clips, 2 genres × 2 leads
        try (AttributeClassifier c = AttributeClassifier.create(ClassifierConfig.tiny(), 3)) {
            ClassifierTraining.Accuracy before = ClassifierTraining.measure(c, clips);
            ClassifierTraining.Settings settings = new ClassifierTraining.Settings(150, 8, 1.0, 3e-3, 0, 5);
            ClassifierTraining.Result r = ClassifierTraining.train(c, clips, settings, ClassifierTraining.Listener.NONE);
            ClassifierTraining.Accuracy after = ClassifierTraining.measure(c, clips);
            System.out.printf("tiny classifier: before genre %.2f lead %.2f, after genre %.2f lead %.2f "
                    + "(%d steps, %.1f s, final loss %.3f)%n", before.genre(), before.lead(), after.genre(),
                    after.lead(), r.steps(), r.seconds(), r.finalLoss());
            assertEquals(0, r.skipped());
            assertEquals(0, r.validationClips());
            // two genres and two leads are present: chance is 0.5 for each
            assertTrue(after.genre() >= 0.85, "genre accuracy " + after.genre());
            assertTrue(after.lead() >= 0.7, "lead accuracy " + after.lead());
            assertTrue(r.finalLoss() < 4.0, "loss " + r.finalLoss());
        }
    }

    private static double sum(float[] p) {
        double s = 0;
        for (float v : p) {
            s += v;
        }
        return s;
    }
}
