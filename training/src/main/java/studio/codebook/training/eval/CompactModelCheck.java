package studio.codebook.training.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.codec.Codes;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.Segment;
import studio.codebook.training.loss.AudioMetrics;
import studio.codebook.training.loss.MelSpectrogram;
import studio.codebook.training.loss.ReconstructionConfig;

/**
 * What storing a model's weights compactly ({@code model pack}) costs in quality, measured on held-out
 * segments with the same model in full precision and compact (8-bit) form.
 *
 * <ul>
 *   <li>Reconstruction: each model encodes and decodes each segment with all K codebooks; SI-SNR and mel
 *       distance ({@link AudioMetrics}) against the segment, averaged.
 *   <li>Codes: the share of codes the compact encoder gives that equal the full one's, per codebook.
 *   <li>Decoder: both decoders decode the full model's codes; the largest absolute sample difference and the
 *       SI-SNR of the compact decoding against the full one (how closely the compact decoder follows).
 *   <li>Language model: the NLL per code of the full model's codes under each model's LM and text encoder
 *       ({@link LmEvaluation}), so only the LM's weights differ; null for a codec-only model.
 * </ul>
 *
 * @param segments segments measured
 * @param fullSiSnrDb mean SI-SNR of the full model's reconstruction
 * @param compactSiSnrDb the same for the compact model
 * @param fullMelDistance mean mel distance of the full model's reconstruction
 * @param compactMelDistance the same for the compact model
 * @param codeAgreement per codebook, the share of equal codes
 * @param decoderMaxAbsDifference largest |full − compact| sample when decoding the same codes
 * @param decoderSiSnrDb mean SI-SNR of the compact decoding against the full decoding of the same codes
 * @param fullLmNats mean NLL (nats per code) under the full LM, or null for a codec-only model
 * @param compactLmNats the same under the compact LM
 */
public record CompactModelCheck(int segments, double fullSiSnrDb, double compactSiSnrDb, double fullMelDistance,
        double compactMelDistance, List<Double> codeAgreement, double decoderMaxAbsDifference,
        double decoderSiSnrDb, Double fullLmNats, Double compactLmNats) {

    public CompactModelCheck {
        codeAgreement = List.copyOf(codeAgreement);
    }

    /**
     * Measures on {@code segments} (mono, at the models' rate).
     *
     * @throws IllegalArgumentException when there are no segments or the models differ in architecture
     */
    public static CompactModelCheck measure(MusicModel full, MusicModel compact, List<Segment> segments,
            EvaluationListener listener) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("no segments to check the compact model on");
        }
        // the same model but for its identity (a pack may rename it) and provenance
        var c = compact.config();
        if (!full.config().withId(c.id(), c.name()).withProvenance(c.provenance()).equals(c)) {
            throw new IllegalArgumentException("the compact model is not a copy of the full one (model.json differs "
                    + "beyond its id, name and provenance)");
        }
        int rate = full.codec().sampleRate();
        int k = full.codec().numCodebooks();
        MelSpectrogram mel = MelSpectrogram.of(rate, ReconstructionConfig.defaults());
        double[] snrFull = new double[segments.size()];
        double[] snrCompact = new double[segments.size()];
        double[] melFull = new double[segments.size()];
        double[] melCompact = new double[segments.size()];
        double[] follow = new double[segments.size()];
        long[] same = new long[k];
        long frames = 0;
        double maxDiff = 0;
        List<Codes> fullCodes = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            float[] reference = segments.get(i).samples();
            AudioClip clip = AudioClip.mono(reference, rate);
            Codes a = full.codec().encode(clip);
            Codes b = compact.codec().encode(clip);
            fullCodes.add(a);
            int[][] ca = a.codes();
            int[][] cb = b.codes();
            for (int q = 0; q < k; q++) {
                for (int t = 0; t < ca[q].length; t++) {
                    same[q] += ca[q][t] == cb[q][t] ? 1 : 0;
                }
            }
            frames += ca[0].length;
            float[] decodedFull = Arrays.copyOf(full.codec().decode(a, k).channel(0), reference.length);
            float[] decodedCompact = Arrays.copyOf(compact.codec().decode(b, k).channel(0), reference.length);
            float[] sameCodes = Arrays.copyOf(compact.codec().decode(a, k).channel(0), reference.length);
            snrFull[i] = AudioMetrics.siSnr(decodedFull, reference);
            snrCompact[i] = AudioMetrics.siSnr(decodedCompact, reference);
            melFull[i] = AudioMetrics.melDistance(decodedFull, reference, mel);
            melCompact[i] = AudioMetrics.melDistance(decodedCompact, reference, mel);
            follow[i] = AudioMetrics.siSnr(sameCodes, decodedFull);
            for (int n = 0; n < reference.length; n++) {
                maxDiff = Math.max(maxDiff, Math.abs(sameCodes[n] - decodedFull[n]));
            }
            listener.progress("compare", i + 1, segments.size());
        }
        List<Double> agreement = new ArrayList<>(k);
        for (int q = 0; q < k; q++) {
            agreement.add((double) same[q] / frames);
        }
        Double lmFull = null;
        Double lmCompact = null;
        if (full.config().canGenerate()) {
            List<String> captions = segments.stream().map(Segment::caption).toList();
            lmFull = LmEvaluation.measure(full, fullCodes, captions, listener).meanNats();
            lmCompact = LmEvaluation.measure(compact, fullCodes, captions, listener).meanNats();
        }
        return new CompactModelCheck(segments.size(), CodecEvaluation.mean(snrFull), CodecEvaluation.mean(snrCompact),
                CodecEvaluation.mean(melFull), CodecEvaluation.mean(melCompact), agreement, maxDiff,
                CodecEvaluation.mean(follow), lmFull, lmCompact);
    }
}
