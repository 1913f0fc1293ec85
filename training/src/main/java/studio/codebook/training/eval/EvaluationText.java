package studio.codebook.training.eval;

import java.util.Locale;

/** Renders an {@link EvaluationReport} as plain-text tables. */
final class EvaluationText {

    private EvaluationText() {}

    static String render(EvaluationReport r) {
        StringBuilder out = new StringBuilder();
        CodecEvaluation c = r.codec();
        line(out, "Model %s%s", r.modelId(), r.modelHash() == null ? "" : " (" + r.modelHash() + ")");
        line(out, "Data: %s%d segment%s of %.2f s from %d track%s at %d Hz", r.dataFolder() == null ? ""
                : r.dataFolder() + ": ", r.segments(), r.segments() == 1 ? "" : "s", r.segmentSeconds(), r.tracks(),
                r.tracks() == 1 ? "" : "s", r.sampleRate());

        line(out, "%nReconstruction by codebooks used (mean ± sd over segments)");
        line(out, "%-9s %7s %16s %18s", "codebooks", "kbps", "SI-SNR (dB)", "mel distance");
        for (BandwidthPoint p : c.bandwidth()) {
            line(out, "%-9d %7.2f %8.2f ± %5.2f %10.3f ± %5.3f", p.codebooks(), p.kbps(), p.siSnrDb(), p.siSnrStdDb(),
                    p.melDistance(), p.melDistanceStd());
        }
        FrameRateComb comb = c.comb();
        if (comb != null) {
            line(out, "Frame-rate comb: %.1f %% of the reconstructions' energy repeats with the frame period "
                    + "(the originals: %.1f %%; blocks of %d frames)", 100 * comb.reconstruction(),
                    100 * comb.reference(), comb.windowFrames());
        }

        if (!c.mmd().isEmpty()) {
            MmdEstimate first = c.mmd().get(0);
            line(out, "%nIndependence loss MMD² on held-out latents (%s streams, %d draws, %d segments)",
                    first.streamKind().id(), first.unclamped().size(), c.mmdSegments());
            line(out, "%-10s %8s %12s %12s %12s %12s", "alignment", "frames", "MMD²", "sd", "clamped", "null level");
            for (MmdEstimate m : c.mmd()) {
                line(out, "%-10s %8d %12.4e %12.4e %12.4e %12.4e", m.alignment().id(), m.samples(), m.mean(), m.std(),
                        m.clampedMean(), m.nullLevel());
            }
            line(out, "(the estimator is biased low by O(1/N): compare MMD² with the null level, not with 0)");
        }

        LmEvaluation lm = r.lm();
        if (lm != null) {
            line(out, "%nLanguage model NLL, %s pattern, teacher forcing (%d windows of up to %d frames)", lm.pattern(),
                    lm.windows(), lm.windowFrames());
            line(out, "%-9s %10s %10s %10s", "codebook", "nats", "bits", "codes");
            for (CodebookNll n : lm.codebooks()) {
                line(out, "z%-8d %10.4f %10.4f %10d", n.codebook() + 1, n.nats(), n.bits(), n.codes());
            }
            line(out, "%-9s %10.4f %10.4f", "mean", lm.meanNats(), lm.meanBits());
            line(out, "%-9s %10.4f %10.4f", "uniform", lm.uniformNats(), lm.uniformNats() / Math.log(2));
        }

        line(out, "%nCodes of the held-out segments");
        out.append(c.codes().toText());
        if (!r.notes().isEmpty()) {
            line(out, "");
            for (String note : r.notes()) {
                line(out, "Note: %s", note);
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
