package studio.codebook.ui.generate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.generate.ClipRecord;
import studio.codebook.engine.generate.GeneratedClip;
import studio.codebook.engine.generate.GenerationListener;
import studio.codebook.engine.generate.GenerationParams;
import studio.codebook.engine.generate.GenerationProgress;
import studio.codebook.engine.generate.GenerationResult;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.ui.common.ClipSink;
import studio.codebook.ui.common.TaskContext;

/**
 * What one Generate run does off the FX thread: generates every variant, queues each decoded chunk for the
 * FX thread to take in ({@link #nextChunk}), and stores each finished clip through the {@link ClipSink} with
 * its {@link ClipRecord} (settings, seed, model, the file it continued, timings).
 */
final class GenerationRun {

    /** Decoded audio of one variant, in the order it was made. */
    record Chunk(int variant, float[] mono) {}

    /** A finished clip as stored, with the engine's warnings about the run. */
    record Stored(GeneratedClip clip, ClipRecord record, Path file, List<String> warnings) {}

    private final MusicModel model;
    private final GenerationParams params;
    private final AudioClip continued;
    private final Path continuedFile;
    private final ClipSink sink;
    private final ConcurrentLinkedQueue<Chunk> arrived = new ConcurrentLinkedQueue<>();

    /**
     * @param continued the audio to continue, or null
     * @param continuedFile the file it was read from (recorded in each clip's record), or null
     */
    GenerationRun(MusicModel model, GenerationParams params, AudioClip continued, Path continuedFile,
            ClipSink sink) {
        this.model = Objects.requireNonNull(model, "model");
        this.params = Objects.requireNonNull(params, "params");
        this.continued = continued;
        this.continuedFile = continuedFile;
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Generates and stores; call once, off the FX thread. Stops within one step when {@code ctx} is cancelled. */
    List<Stored> run(TaskContext ctx) throws Exception {
        GenerationListener listener = new GenerationListener() {
            @Override
            public void progress(GenerationProgress p) {
                ctx.progress(p.fraction(), progressLine(p));
            }

            @Override
            public boolean wantsAudio() {
                return true;
            }

            @Override
            public void audio(int variant, AudioClip chunk, long startSample) {
                arrived.add(new Chunk(variant, chunk.monoSamples()));
            }

            @Override
            public boolean cancelled() {
                return ctx.isCancelled();
            }
        };
        GenerationResult result = model.generator().generate(params, continued, listener);
        ctx.checkCancelled();
        ctx.progress(1, "Saving…");
        List<Stored> stored = new ArrayList<>();
        for (GeneratedClip clip : result.clips()) {
            ClipRecord record = record(clip, result);
            stored.add(new Stored(clip, record, sink.save(clip.audio(), record), result.warnings()));
        }
        return stored;
    }

    /** The oldest chunk not yet taken in, or null; safe to call from any thread while the run goes on. */
    Chunk nextChunk() {
        return arrived.poll();
    }

    private ClipRecord record(GeneratedClip clip, GenerationResult result) {
        double frameRate = model.codec().frameRate();
        return new ClipRecord(null, Instant.now().toString(), appName(), params, clip.variant(), clip.seed(),
                model.config().id(), model.hash(), continuedFile == null ? null : continuedFile.toString(),
                clip.promptFrames() / frameRate, clip.audio().durationSeconds(), clip.audio().sampleRate(),
                ClipRecord.Timings.of(result));
    }

    static String appName() {
        String v = GenerationRun.class.getPackage().getImplementationVersion();
        return "Codebook Studio " + (v == null ? "(development build)" : v);
    }

    static String progressLine(GenerationProgress p) {
        double rate = p.stepsPerSecond();
        String eta = rate > 0 && p.step() < p.totalSteps()
                ? String.format(" · about %s left", StatusText.seconds((p.totalSteps() - p.step()) / rate)) : "";
        return String.format("Generating: step %d of %d (%.0f steps/s)%s", p.step(), p.totalSteps(), rate, eta);
    }
}
