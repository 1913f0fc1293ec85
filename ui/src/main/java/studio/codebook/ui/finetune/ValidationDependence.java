package studio.codebook.ui.finetune;

import java.util.ArrayList;
import java.util.List;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.codec.Codes;
import studio.codebook.engine.codec.CompressionModel;
import studio.codebook.engine.stats.Alignment;
import studio.codebook.engine.stats.CoarseGraining;
import studio.codebook.engine.stats.CodeStatistics;
import studio.codebook.training.data.Segment;

/**
 * The total correlation of a codec's codes on validation segments, for the chart the view draws at each
 * validation: the codes of at most {@link #MAX_SEGMENTS} segments, pooled, coarse-grained into
 * {@link CoarseGraining#DEFAULT_GROUPS} groups per codebook by frequency rank, TC with Miller–Madow
 * correction, in bits, under the alignment the independence loss uses. The coarse-grained TC is a lower
 * bound on the codes' TC (see the engine's stats package); the chart shows how it moves during training.
 *
 * <p>Called on the training thread between steps (a validation), when the codec is not being trained.
 */
final class ValidationDependence {

    static final int MAX_SEGMENTS = 32;

    private ValidationDependence() {
    }

    /** TC in bits, or NaN when there is nothing to measure (no validation segments, or too few frames). */
    static double totalCorrelationBits(CompressionModel codec, List<Segment> validation,
            studio.codebook.training.loss.Alignment alignment) {
        if (validation.isEmpty() || codec.numCodebooks() < 2) {
            return Double.NaN;
        }
        List<Codes> codes = new ArrayList<>();
        for (Segment s : validation.subList(0, Math.min(MAX_SEGMENTS, validation.size()))) {
            codes.add(codec.encode(AudioClip.mono(s.samples(), codec.sampleRate())));
        }
        Alignment a = alignment == studio.codebook.training.loss.Alignment.SAME ? Alignment.sameFrame()
                : Alignment.delayPattern();
        if (codes.get(0).numFrames() <= codec.numCodebooks()) {
            return Double.NaN; // the delay alignment needs more frames than codebooks
        }
        return CodeStatistics.of(codes).totalCorrelation(a, CoarseGraining.DEFAULT_GROUPS).coarseGrained()
                .millerMadowBits();
    }
}
