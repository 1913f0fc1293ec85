package studio.codebook.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.model.ModelFolder;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.Segment;

class TrainingRunTest {

    private static final List<Segment> TRAIN = TrainFixtures.sines(8, 3200, 1);
    private static final List<Segment> VALIDATION = TrainFixtures.sines(2, 3200, 2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pauseHoldsResumeContinuesCancelStopsWithACheckpointAndProvenance(@TempDir Path dir) throws Exception {
        CodecTrainingConfig config = TrainFixtures.codecConfig(500, 0.5).withRhythm(2, 3, 2);
        try (MusicModel model = TrainFixtures.tinyCodec(3);
                CodecTrainer trainer = CodecTrainer.start(model, config, TRAIN, VALIDATION, dir,
                        TrainFixtures.description())) {
            List<TrainingProgress> events = new CopyOnWriteArrayList<>();
            List<ValidationResult> validations = new CopyOnWriteArrayList<>();
            TrainingRun run = new TrainingRun(trainer).addListener(new TrainingListener() {
                @Override
                public void onProgress(TrainingProgress p) {
                    events.add(p);
                }

                @Override
                public void onValidation(ValidationResult v) {
                    validations.add(v);
                }
            });
            run.start();
            waitFor(() -> events.size() >= 4);
            run.pause();
            Thread.sleep(300); // the step in flight may finish
            int held = events.size();
            Thread.sleep(400);
            assertEquals(held, events.size(), "a paused run takes no steps");
            run.resume();
            waitFor(() -> events.size() >= held + 3);
            run.cancel();
            TrainingResult result = run.await();
            assertTrue(result.cancelled());
            assertTrue(result.steps() >= held + 3 && result.steps() < 500, "steps " + result.steps());
            assertEquals(result.steps(), events.get(events.size() - 1).step());
            assertFalse(validations.isEmpty());
            TrainingProgress p = events.get(2);
            assertEquals(500, p.totalSteps());
            assertTrue(p.stepsPerSecond() > 0 && p.etaSeconds() > 0 && p.losses().containsKey("reconstruction"));

            // the cancel checkpoint exists and is the latest
            assertEquals(trainer.checkpoints().folder(result.steps()), trainer.checkpoints().latest().orElseThrow());
            // retention: the last 2 and the best at most
            assertTrue(trainer.checkpoints().checkpoints().size() <= 3, trainer.checkpoints().checkpoints().toString());

            // provenance of the saved model
            ModelConfig saved = ModelFolder.readConfig(result.model());
            assertEquals(result.steps(), saved.provenance().steps());
            assertEquals(7, saved.provenance().seed());
            assertEquals("manifest-sha256:test", saved.provenance().data());
            assertEquals("tiny-codec", saved.provenance().baseModel());
            assertEquals(0.5, ((Number) saved.provenance().hyperparameters().get("independence.weight")).doubleValue());
            assertEquals("codeword", saved.provenance().hyperparameters().get("independence.streamKind"));
            assertEquals(4, ((Number) saved.provenance().hyperparameters().get("batchSize")).intValue());
            assertTrue(saved.provenance().metrics().containsKey("validation.loss"));
            assertTrue(saved.provenance().notes().startsWith("cancelled"));
            MusicModel.load(result.model(), ai.djl.Device.cpu()).close();

            // metrics.jsonl: one object per line, a step line per step
            List<String> lines = Files.readAllLines(dir.resolve(MetricsLog.FILE));
            long stepLines = 0;
            for (String line : lines) {
                JsonNode node = JSON.readTree(line);
                assertTrue(node.has("type") && node.has("step"), line);
                if (node.get("type").asText().equals("step")) {
                    stepLines++;
                    assertTrue(node.get("loss").isNumber(), line);
                }
            }
            assertEquals(result.steps(), stepLines);
            assertEquals("end", JSON.readTree(lines.get(lines.size() - 1)).get("type").asText());
        }
    }

    @Test
    void aFailureSurfacesThroughAwait(@TempDir Path dir) throws Exception {
        try (MusicModel model = TrainFixtures.tinyCodec(3);
                CodecTrainer trainer = CodecTrainer.start(model, TrainFixtures.codecConfig(10, 0), TRAIN, VALIDATION,
                        dir, TrainFixtures.description())) {
            trainer.setLossMultiplier(s -> {
                if (s == 2) {
                    throw new IllegalStateException("boom at step 2");
                }
                return 1.0;
            });
            TrainingRun run = new TrainingRun(trainer);
            run.start();
            TrainingException e = assertThrows(TrainingException.class, run::await);
            assertEquals("boom at step 2", e.getCause().getMessage());
        }
    }

    @Test
    void retentionKeepsTheLastNAndTheBest(@TempDir Path dir) throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        for (int s = 1; s <= 6; s++) {
            int step = s;
            store.write(step, List.of(f -> Files.writeString(f.resolve(CheckpointStore.STATE_FILE), "{\"step\":" + step + "}")));
        }
        Files.createDirectories(store.directory().resolve(".step-000007.partial-1"));
        store.retain(2, 2);
        assertEquals(List.of("step-000002", "step-000005", "step-000006"),
                store.checkpoints().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(store.folder(6), store.latest().orElseThrow());
        // a pointer to a folder without a state file falls back to the newest complete one
        Files.delete(store.folder(6).resolve(CheckpointStore.STATE_FILE));
        assertEquals(store.folder(5), store.latest().orElseThrow());
        // reopening removes partial folders left by a crash
        new CheckpointStore(dir);
        assertFalse(Files.exists(store.directory().resolve(".step-000007.partial-1")));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(10);
        }
    }
}
