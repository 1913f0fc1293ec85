package studio.codebook.ui.dependence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.AudioReader;
import studio.codebook.engine.codec.Codes;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.stats.CodeStatistics;
import studio.codebook.ui.common.TaskContext;

/**
 * The codes of a set of audio files under one or two models, pooled into {@link CodeStatistics}: the
 * encoding work of the Dependence view, run in a background task. Files that cannot be read, or are too
 * short to pair frames, are skipped and reported; both models always see the same files.
 *
 * @param a statistics under model A
 * @param b statistics under model B, or null without a second model
 * @param modelA id of model A
 * @param modelB id of model B, or null
 * @param files files measured
 * @param skipped files left out, with the reason
 */
public record CodesOfCorpus(CodeStatistics a, CodeStatistics b, String modelA, String modelB, List<Path> files,
        List<SkippedAudio> skipped) {

    public CodesOfCorpus {
        files = List.copyOf(files);
        skipped = List.copyOf(skipped);
    }

    /**
     * Reads and encodes every file, reporting progress per file and stopping between files when cancelled.
     *
     * @param modelB may be null
     * @throws IOException when no file could be measured
     */
    static CodesOfCorpus encode(List<Path> files, MusicModel modelA, MusicModel modelB, TaskContext context)
            throws IOException {
        List<int[][]> codesA = new ArrayList<>();
        List<int[][]> codesB = new ArrayList<>();
        List<Path> measured = new ArrayList<>();
        List<SkippedAudio> skipped = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            context.checkCancelled();
            Path file = files.get(i);
            context.progress((double) i / files.size(), "encoding " + (i + 1) + " of " + files.size() + ": "
                    + file.getFileName());
            AudioClip clip;
            try {
                clip = AudioReader.read(file);
            } catch (IOException | RuntimeException e) {
                skipped.add(new SkippedAudio(file, message(e)));
                continue;
            }
            Codes a = modelA.codec().encode(clip);
            Codes b = modelB == null ? null : modelB.codec().encode(clip);
            if (a.numFrames() < 2 || (b != null && b.numFrames() < 2)) {
                skipped.add(new SkippedAudio(file, "too short: less than two frames of codes"));
                continue;
            }
            codesA.add(a.codes());
            if (b != null) {
                codesB.add(b.codes());
            }
            measured.add(file);
        }
        context.progress(1, "measuring dependence");
        if (measured.isEmpty()) {
            throw new IOException(files.isEmpty() ? "no audio files to measure"
                    : "none of the " + files.size() + " audio files could be measured (first: "
                            + skipped.get(0).file().getFileName() + ": " + skipped.get(0).reason() + ")");
        }
        CodeStatistics statsA = CodeStatistics.ofClips(codesA, modelA.codec().codebookSize());
        CodeStatistics statsB = modelB == null ? null : CodeStatistics.ofClips(codesB, modelB.codec().codebookSize());
        return new CodesOfCorpus(statsA, statsB, modelA.config().id(), modelB == null ? null : modelB.config().id(),
                measured, skipped);
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
