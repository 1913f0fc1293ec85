package studio.codebook.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.Segment;

/** SIGKILL while a checkpoint is being written: the previous one loads and training resumes from it. */
class CheckpointCrashTest {

    static final List<Segment> TRAIN = TrainFixtures.sines(8, 3200, 1);

    @Test
    void killedWhileWritingACheckpointThePreviousOneLoadsAndTrainingResumes(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-Xmx1g", CrashChild.class.getName(), runDir.toString(), "150");
        pb.environment().put("ONEDNN_MAX_CPU_ISA", "AVX2");
        pb.redirectError(dir.resolve("child-stderr.txt").toFile());
        Process child = pb.start();
        int lastWritten = -1;
        int killedWhileWriting = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("written ")) {
                    lastWritten = Integer.parseInt(line.substring(8));
                } else if (line.startsWith("writing ") && lastWritten >= 2) {
                    killedWhileWriting = Integer.parseInt(line.substring(8));
                    Thread.sleep(220); // inside the checkpoint: after the model files, before trainer.json
                    child.destroyForcibly();
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(killedWhileWriting > lastWritten && lastWritten >= 2,
                "child output ended early: see " + dir.resolve("child-stderr.txt") + ": "
                        + Files.readString(dir.resolve("child-stderr.txt")).lines().limit(30).toList());

        Path checkpoints = runDir.resolve("checkpoints");
        try (Stream<Path> entries = Files.list(checkpoints)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.stream().anyMatch(n -> n.startsWith(".step-") && n.contains(".partial-")),
                    "the kill should have left a partial checkpoint: " + names);
            assertFalse(names.contains(CheckpointStore.name(killedWhileWriting)), names.toString());
        }
        CheckpointStore store = new CheckpointStore(runDir);
        Path latest = store.latest().orElseThrow();
        assertEquals(store.folder(lastWritten), latest);
        try (MusicModel model = MusicModel.load(latest.resolve(CheckpointStore.MODEL_DIR), Device.cpu())) {
            assertEquals(lastWritten, model.config().provenance().steps());
        }
        try (CodecTrainer trainer = CodecTrainer.resume(runDir, TRAIN, List.of(), Device.cpu())) {
            assertEquals(lastWritten, trainer.step());
            assertEquals(lastWritten, trainer.optimizer().step());
            Trainer.StepResult r = trainer.trainStep();
            assertFalse(r.skipped());
            assertTrue(Double.isFinite(r.losses().get("loss")));
            trainer.checkpoint();
            assertEquals(store.folder(lastWritten + 1), store.latest().orElseThrow());
        }
    }
}
