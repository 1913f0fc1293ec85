package studio.codebook.training.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.text.PromptTempo;

/**
 * Measures generated clips against their prompts and against real held-out clips, with an
 * {@link AttributeClassifier} as the judge (MusicGen's objective metrics, on our synthetic attributes):
 *
 * <ul>
 *   <li><b>adherence</b>: share of generated clips whose argmax genre (lead, drums) is the prompt's;
 *       the same share on the real clips of the prompts is reported beside it, as the ceiling the
 *       classifier itself allows;
 *   <li><b>KL</b>: {@link LabelDivergence}, {@code KL(p_real ‖ p_generated)} per (real, generated) pair of the
 *       same caption, averaged, per head, in nats;
 *   <li><b>FD</b>: {@link FrechetDistance} between the embeddings of the generated clips and of all the
 *       reference clips (the held-out set);
 *   <li><b>tempo</b>: {@link TempoError} of the generated clips against the BPM their prompts name
 *       ({@link PromptTempo}; a prompt that names none asks for no tempo and is not counted), and, to show what
 *       the tempo meter can do, of the real clips against the same BPM.
 * </ul>
 *
 * <p>Real clips are cut to the generated clips' length (their first seconds) before they are classified, so
 * both sides of KL and FD are judged on audio of the same duration.
 */
public final class GenerationEvaluation {

    private GenerationEvaluation() {}

    /**
     * @param cases generated clips with the real clips that prompted them (at least one)
     * @param reference real clips for the Fréchet distance (at least two; usually the whole held-out set)
     * @param speed how fast generation ran ({@link GenerationSpeed#NONE} if unknown)
     */
    public static GenerationReport measure(AttributeClassifier classifier, List<GenerationCase> cases,
            List<LabeledClip> reference, GenerationSpeed speed, TempoMeter tempo) {
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no generated clips to evaluate");
        }
        ClassifierConfig config = classifier.config();
        double seconds = cases.stream().mapToDouble(c -> c.generated().durationSeconds()).min().orElseThrow();
        List<AudioClip> generatedAudio = cases.stream().map(GenerationCase::generated).toList();
        List<AudioClip> realAudio = cases.stream().map(c -> cut(c.prompt().audio(), seconds)).toList();
        List<AttributePrediction> generated = classifier.classify(generatedAudio);
        List<AttributePrediction> real = classifier.classify(realAudio);
        List<AttributePrediction> ref = classifier.classify(reference.stream().map(c -> cut(c.audio(), seconds)).toList());

        int n = cases.size();
        float[][][] realProbs = new float[3][n][];
        float[][][] generatedProbs = new float[3][n][];
        int[][] hits = new int[2][3];
        int[] labelled = new int[3];
        List<OptionalDouble> generatedBpm = new ArrayList<>();
        List<OptionalDouble> realBpm = new ArrayList<>();
        List<Double> promptedBpm = new ArrayList<>();
        List<GenerationReport.Clip> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            GenerationCase c = cases.get(i);
            LabeledClip p = c.prompt();
            AttributePrediction g = generated.get(i);
            AttributePrediction r = real.get(i);
            float[][] gp = {g.genre(), g.lead(), g.drums()};
            float[][] rp = {r.genre(), r.lead(), r.drums()};
            int[] truth = {p.genre(config), p.lead(config), p.drums(config)};
            int[][] guesses = {{g.genreClass(), g.leadClass(), g.drumsClass()},
                {r.genreClass(), r.leadClass(), r.drumsClass()}};
            for (int h = 0; h < 3; h++) {
                generatedProbs[h][i] = gp[h];
                realProbs[h][i] = rp[h];
                if (truth[h] >= 0) {
                    labelled[h]++;
                    for (int side = 0; side < 2; side++) {
                        hits[side][h] += guesses[side][h] == truth[h] ? 1 : 0;
                    }
                }
            }
            OptionalDouble measured = OptionalDouble.empty();
            if (p.bpm().isPresent() && PromptTempo.bpm(p.caption()).isPresent()) {
                AudioClip gm = c.generated().toMono();
                measured = tempo.bpm(gm.channel(0), gm.sampleRate());
                AudioClip rm = realAudio.get(i).toMono();
                generatedBpm.add(measured);
                realBpm.add(tempo.bpm(rm.channel(0), rm.sampleRate()));
                promptedBpm.add(p.bpm().getAsDouble());
            }
            rows.add(new GenerationReport.Clip(p.name(), p.caption(), p.fields().getOrDefault("genre", ""),
                    p.fields().getOrDefault("lead", ""), p.bpm().orElse(Double.NaN),
                    config.genres().get(g.genreClass()), config.leads().get(g.leadClass()),
                    config.genres().get(r.genreClass()), config.leads().get(r.leadClass()),
                    truth[0] >= 0 ? g.genre()[truth[0]] : Double.NaN, truth[1] >= 0 ? g.lead()[truth[1]] : Double.NaN,
                    LabelDivergence.kl(r.genre(), g.genre()), LabelDivergence.kl(r.lead(), g.lead()),
                    measured.orElse(Double.NaN)));
        }
        GenerationReport.Adherence adherenceGenerated = new GenerationReport.Adherence(
                share(hits[0][0], labelled[0]), share(hits[0][1], labelled[1]), share(hits[0][2], labelled[2]));
        GenerationReport.Adherence adherenceReal = new GenerationReport.Adherence(
                share(hits[1][0], labelled[0]), share(hits[1][1], labelled[1]), share(hits[1][2], labelled[2]));
        GenerationReport.Divergence kl = new GenerationReport.Divergence(
                LabelDivergence.meanKl(realProbs[0], generatedProbs[0]),
                LabelDivergence.meanKl(realProbs[1], generatedProbs[1]),
                LabelDivergence.meanKl(realProbs[2], generatedProbs[2]));
        double fd = n >= 2 && ref.size() >= 2
                ? FrechetDistance.between(embeddings(generated), embeddings(ref)) : Double.NaN;
        return new GenerationReport(n, seconds, reference.size(), config.embeddingSize(), adherenceGenerated,
                adherenceReal, kl, fd, TempoError.of(generatedBpm, promptedBpm), TempoError.of(realBpm, promptedBpm),
                speed, rows, null);
    }

    /** The first {@code seconds} of a clip (the clip itself when not longer). */
    static AudioClip cut(AudioClip clip, double seconds) {
        int frames = (int) Math.round(seconds * clip.sampleRate());
        if (frames >= clip.numFrames()) {
            return clip;
        }
        float[][] channels = new float[clip.numChannels()][];
        for (int c = 0; c < channels.length; c++) {
            channels[c] = java.util.Arrays.copyOf(clip.channel(c), frames);
        }
        return new AudioClip(channels, clip.sampleRate());
    }

    private static double[][] embeddings(List<AttributePrediction> predictions) {
        double[][] out = new double[predictions.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] e = predictions.get(i).embedding();
            out[i] = new double[e.length];
            for (int j = 0; j < e.length; j++) {
                out[i][j] = e[j];
            }
        }
        return out;
    }

    private static double share(int hits, int n) {
        return n == 0 ? Double.NaN : (double) hits / n;
    }
}
