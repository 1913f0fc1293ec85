package studio.codebook.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.quantize.StreamKind;
import studio.codebook.training.data.Segment;
import studio.codebook.training.loss.Alignment;

class CodecEvaluationTest {

    // 0.4 s = 20 frames at 50 frames/s
    private static final List<Segment> SEGMENTS = EvalFixtures.sines(6, 6400, 1);

    @Test
    void bandwidthCurveCodeStatisticsAndMmdOnATinyRandomCodec() throws Exception {
        try (MusicModel model = EvalFixtures.tinyCodec(3, SEGMENTS)) {
            EvaluationSettings settings = EvaluationSettings.defaults().withPermutations(4);
            CodecEvaluation e = CodecEvaluation.measure(model.codec(), SEGMENTS, settings, EvaluationListener.NONE);
            int k = model.codec().numCodebooks();
            assertEquals(6, e.segments());
            assertEquals(k, e.bandwidth().size(), "one point per k = 1..K");
            for (int q = 0; q < k; q++) {
                BandwidthPoint p = e.bandwidth().get(q);
                assertEquals(q + 1, p.codebooks());
                assertEquals((q + 1) * 6 * 50 / 1000.0, p.kbps(), 1e-9, "log2(64) = 6 bits per code, 50 frames/s");
                assertTrue(Double.isFinite(p.siSnrDb()) && Double.isFinite(p.siSnrStdDb()), p.toString());
                assertTrue(Double.isFinite(p.melDistance()) && p.melDistance() > 0, p.toString());
            }
            assertEquals(6, e.perSegment().size());
            for (SegmentQuality s : e.perSegment()) {
                assertEquals(k, s.siSnrDb().size());
                assertEquals(k, s.melDistance().size());
            }
            // the mean of the curve is the mean of the per-segment values
            double mean = e.perSegment().stream().mapToDouble(s -> s.siSnrDb().get(k - 1)).average().orElseThrow();
            assertEquals(mean, e.bandwidth().get(k - 1).siSnrDb(), 1e-9);

            assertEquals(6 * 20, e.codes().frames());
            assertEquals(6, e.codes().clips());
            assertEquals(k, e.codes().codebooks().size());
            assertEquals(2, e.codes().mutualInformation().size(), "same frame and delay");
            assertEquals(2, e.codes().totalCorrelation().size());
            assertTrue(e.codes().codebooks().get(0).usedEntries() > 1, "k-means initialised codebooks are used");

            assertEquals(2, e.mmd().size());
            MmdEstimate same = e.mmd().get(0);
            MmdEstimate delay = e.mmd().get(1);
            assertEquals(Alignment.SAME, same.alignment());
            assertEquals(Alignment.DELAY, delay.alignment());
            assertEquals(StreamKind.CODEWORD, same.streamKind());
            assertEquals(6 * 20, same.samples());
            assertEquals(6 * (20 - k), delay.samples(), "the delay alignment crops K frames per segment");
            for (MmdEstimate m : e.mmd()) {
                assertEquals(4, m.unclamped().size());
                assertTrue(m.unclamped().stream().allMatch(Double::isFinite), m.toString());
                assertTrue(Double.isFinite(m.nullLevel()) && m.std() >= 0, m.toString());
                assertTrue(m.clampedMean() >= 0 && m.clampedMean() >= m.mean() - 1e-12, m.toString());
                // the loss tests' scale: |MMD²| of order 1/N…0.1 at a few hundred samples, never O(1)
                assertTrue(Math.abs(m.mean()) < 0.5 && Math.abs(m.nullLevel()) < 0.5, m.toString());
                System.out.printf("MMD² %s: %.4e ± %.4e (null level %.4e, N = %d)%n", m.alignment().id(), m.mean(),
                        m.std(), m.nullLevel(), m.samples());
            }
            System.out.println(e.bandwidth());
            // 20-frame segments hold no 25-frame block: nothing to average, so no comb is claimed
            assertEquals(new FrameRateComb(25, 0, 0), e.comb());

            // reproducible: the same seed gives the same draws
            CodecEvaluation again = CodecEvaluation.measure(model.codec(), SEGMENTS, settings, EvaluationListener.NONE);
            assertEquals(e.mmd(), again.mmd());
            assertEquals(e.bandwidth(), again.bandwidth());
        }
    }

    @Test
    void mmdOfRealDependenceExceedsTheNullLevel() throws Exception {
        try (MusicModel model = EvalFixtures.tinyCodec(5, SEGMENTS)) {
            CodecEvaluation e = CodecEvaluation.measure(model.codec(), SEGMENTS,
                    EvaluationSettings.defaults().withPermutations(3), EvaluationListener.NONE);
            // the stages of an RVQ on a random encoder's latents are far from independent (each stage quantizes
            // what the previous one left): the estimate sits above the level of shuffled, independent streams
            MmdEstimate same = e.mmd().get(0);
            assertTrue(same.mean() > same.nullLevel(), same.toString());
        }
    }

    @Test
    void mmdSegmentsAreEvenlySpacedAndBounded() {
        List<Segment> many = EvalFixtures.sines(40, 64, 2);
        assertEquals(40, CodecEvaluation.mmdSegments(many, 20, 0).size(), "0 = all");
        List<Segment> chosen = CodecEvaluation.mmdSegments(many, 20, 50); // 4 × 50 frames = 10 segments
        assertEquals(10, chosen.size());
        assertEquals(many.get(0), chosen.get(0));
        assertEquals(many.get(36), chosen.get(9));
    }
}
