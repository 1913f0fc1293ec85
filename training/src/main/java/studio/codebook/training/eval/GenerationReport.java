package studio.codebook.training.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import studio.codebook.engine.generate.GenerationParams;
import studio.codebook.engine.io.AtomicWrite;

/**
 * What {@link GenerationEvaluation} measured; {@link #toText()} for people, {@link #write(Path)} for JSON.
 *
 * @param clips generated clips evaluated
 * @param clipSeconds length every clip was judged at (real clips cut to it)
 * @param referenceClips real clips in the Fréchet reference set
 * @param embeddingSize dimension of the classifier's embedding
 * @param adherence share of generated clips classified as the prompt's genre / lead / drums
 * @param realAdherence the same share for the real clips of the prompts (the classifier's ceiling)
 * @param kl mean {@code KL(p_real ‖ p_generated)} per head, nats
 * @param frechetDistance between the generated clips' embeddings and the reference clips'
 * @param tempo generated clips' tempo against the prompted BPM
 * @param realTempo real clips' tempo against the same BPM (what the tempo meter can do)
 * @param speed generation speed
 * @param perClip one row per generated clip
 * @param sampling the sampling settings the clips were generated with, or null when not recorded
 */
public record GenerationReport(int clips, double clipSeconds, int referenceClips, int embeddingSize,
        Adherence adherence, Adherence realAdherence, Divergence kl, double frechetDistance, TempoError tempo,
        TempoError realTempo, GenerationSpeed speed, List<Clip> perClip, Sampling sampling) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** How the clips were sampled: clip i used seed {@code firstSeed + i}. */
    public record Sampling(int topK, double topP, double temperature, double cfgScale, long firstSeed,
            double windowSeconds) {}

    /** This report with the sampling settings its clips were generated with. */
    public GenerationReport withSampling(Sampling settings) {
        return new GenerationReport(clips, clipSeconds, referenceClips, embeddingSize, adherence, realAdherence, kl,
                frechetDistance, tempo, realTempo, speed, perClip, settings);
    }

    /** Accuracy per head. */
    public record Adherence(double genre, double lead, double drums) {}

    /** Mean KL per head, nats. */
    public record Divergence(double genre, double lead, double drums) {}

    /**
     * One generated clip.
     *
     * @param name the prompting clip's name
     * @param caption the prompt
     * @param genre prompted genre
     * @param lead prompted lead
     * @param bpm prompted tempo (NaN when the sidecar has none)
     * @param heardGenre the classifier's genre for the generated clip
     * @param heardLead its lead for the generated clip
     * @param realGenre its genre for the real clip
     * @param realLead its lead for the real clip
     * @param genreProbability probability the classifier gives the prompted genre in the generated clip
     * @param leadProbability the same for the prompted lead
     * @param klGenre KL(p_real ‖ p_generated) of the genre head
     * @param klLead the same of the lead head
     * @param measuredBpm tempo measured in the generated clip (NaN when no beat was found)
     */
    public record Clip(String name, String caption, String genre, String lead, double bpm, String heardGenre,
            String heardLead, String realGenre, String realLead, double genreProbability, double leadProbability,
            double klGenre, double klLead, double measuredBpm) {}

    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Generated music: %d clip%s of %.1f s; Fréchet reference %d real clips%n",
                clips, clips == 1 ? "" : "s", clipSeconds, referenceClips));
        if (sampling != null) {
            b.append(String.format(Locale.ROOT, "sampling: top-k %d, top-p %s, temperature %s, guidance %s, window %s, "
                    + "seeds %d…%n", sampling.topK(), sampling.topP(), sampling.temperature(), sampling.cfgScale(),
                    GenerationParams.describeWindow(sampling.windowSeconds()),
                    sampling.firstSeed()));
        }
        b.append(String.format(Locale.ROOT, "%-34s %10s %10s %10s%n", "", "genre", "lead", "drums"));
        b.append(row("prompt adherence (generated)", adherence.genre, adherence.lead, adherence.drums));
        b.append(row("classifier on real clips", realAdherence.genre, realAdherence.lead, realAdherence.drums));
        b.append(row("KL(real || generated), nats", kl.genre, kl.lead, kl.drums));
        b.append(String.format(Locale.ROOT, "Fréchet distance (%d-dim embeddings): %.3f%s%n", embeddingSize,
                frechetDistance, clips < embeddingSize ? "  (fewer clips than dimensions: biased, compare only at equal sizes)" : ""));
        b.append(String.format(Locale.ROOT, "%-34s %10s %10s %10s %10s %10s%n", "tempo", "beat found", "within 5%",
                "±octave", "median err", "±octave"));
        b.append(tempoRow("generated", tempo));
        b.append(tempoRow("real (tempo meter check)", realTempo));
        if (speed.clips() > 0) {
            b.append(String.format(Locale.ROOT, "speed: %.1f steps/s, %.1f s wall for %.1f s of audio (%.2f× real time)%n",
                    speed.stepsPerSecond(), speed.wallSeconds(), speed.audioSeconds(), speed.realTimeFactor()));
        }
        return b.toString();
    }

    private static String row(String name, double a, double b, double c) {
        return String.format(Locale.ROOT, "%-34s %10.3f %10.3f %10.3f%n", name, a, b, c);
    }

    private static String tempoRow(String name, TempoError t) {
        return String.format(Locale.ROOT, "%-34s %10s %10.3f %10.3f %10.3f %10.3f%n", name,
                t.measured() + "/" + t.clips(), t.withinStrict(), t.withinOctave(), t.medianStrict(), t.medianOctave());
    }

    public String toJson() throws IOException {
        return JSON.writeValueAsString(this);
    }

    /** Writes the report as JSON, atomically. */
    public void write(Path file) throws IOException {
        AtomicWrite.write(file, JSON.writeValueAsBytes(this));
    }
}
