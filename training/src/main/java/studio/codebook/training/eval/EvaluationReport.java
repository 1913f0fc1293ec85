package studio.codebook.training.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import studio.codebook.engine.codec.Codes;
import studio.codebook.engine.io.AtomicWrite;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.Segment;
import studio.codebook.training.data.SkippedFile;

/**
 * A model evaluated on held-out audio: the codec's part ({@link CodecEvaluation}) and, unless the model is a
 * codec only, the language model's ({@link LmEvaluation}). Written as JSON by {@code evaluate --json};
 * {@link #toText()} renders it for a terminal.
 *
 * @param modelId the model's id
 * @param modelHash the content hash of the model's files (null for an unsaved model)
 * @param dataFolder where the segments came from (null when given directly)
 * @param sampleRate Hz
 * @param segmentSeconds length of each segment
 * @param tracks tracks the segments were cut from
 * @param segments segments evaluated
 * @param settings how it was measured
 * @param codec reconstruction quality, code statistics, MMD²
 * @param lm negative log-likelihood per codebook, or null for a codec-only model
 * @param skipped files of the data folder that were not used, and why
 * @param notes what a reader must know (e.g. the LM part skipped)
 */
public record EvaluationReport(String modelId, String modelHash, String dataFolder, int sampleRate,
        double segmentSeconds, int tracks, int segments, EvaluationSettings settings, CodecEvaluation codec,
        LmEvaluation lm, List<SkippedFile> skipped, List<String> notes) {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public EvaluationReport {
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * Evaluates {@code model} on {@code segments} (mono, at the model's rate, e.g. from a library scan):
     * the codes are computed once and shared by the codec and LM parts.
     *
     * @param dataFolder recorded in the report (may be null)
     * @param skipped recorded in the report (may be empty)
     */
    public static EvaluationReport measure(MusicModel model, List<Segment> segments, EvaluationSettings settings,
            String dataFolder, List<SkippedFile> skipped, EvaluationListener listener) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("no segments to evaluate");
        }
        List<Codes> codes = CodecEvaluation.encode(model.codec(), segments, listener);
        CodecEvaluation codec = CodecEvaluation.measure(model.codec(), segments, codes, settings, listener);
        List<String> notes = new ArrayList<>();
        LmEvaluation lm = null;
        if (model.config().canGenerate()) {
            lm = LmEvaluation.measure(model, codes, segments.stream().map(Segment::caption).toList(), listener);
        } else {
            notes.add("codec-only model: no language model, so no NLL");
        }
        if (codec.codes().frames() < 10L * codec.codebookSize()) {
            notes.add("few frames (" + codec.codes().frames() + ") for codebooks of " + codec.codebookSize()
                    + " entries: entropies and mutual information are biased; see the adequacy flags");
        }
        int sampleRate = model.codec().sampleRate();
        double seconds = (double) segments.get(0).samples().length / sampleRate;
        long tracks = segments.stream().map(Segment::trackId).distinct().count();
        return new EvaluationReport(model.config().id(), model.hash(), dataFolder, sampleRate, seconds, (int) tracks,
                segments.size(), settings, codec, lm, skipped, notes);
    }

    /** The report as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the evaluation report as JSON", e);
        }
    }

    /** Writes {@link #toJson()} to {@code file} atomically. */
    public void write(Path file) throws IOException {
        AtomicWrite.write(file, toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a report written by {@link #write}. */
    public static EvaluationReport read(Path file) throws IOException {
        return JSON.readValue(Files.readAllBytes(file), EvaluationReport.class);
    }

    /** Parses {@link #toJson()}'s output. */
    public static EvaluationReport fromJson(String json) throws IOException {
        return JSON.readValue(json, EvaluationReport.class);
    }

    /** Readable tables: bandwidth curve, MMD², LM NLL, then the code statistics. */
    public String toText() {
        return EvaluationText.render(this);
    }
}
