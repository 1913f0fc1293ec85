package studio.codebook.training.data;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What automatic analysis hears in a track, and the caption it words from that.
 *
 * <p>Wording: {@code "<brightness>, <loudness> music[ at <bpm> BPM][ in <key>]"}, e.g. "bright, loud music
 * at 120 BPM in A minor". Brightness from the spectral centroid: dark below {@value #DARK_BELOW_HZ} Hz,
 * bright above {@value #BRIGHT_ABOVE_HZ} Hz, warm between. Loudness from the track's own integrated
 * loudness before normalisation: quiet below {@value #QUIET_BELOW_LUFS} LUFS, loud above
 * {@value #LOUD_ABOVE_LUFS} LUFS, moderate between. The tempo is left out when no steady beat was found,
 * the key when the chroma matches no key profile well, and the mode when major and minor fit equally
 * (a drone on A gives "in A").
 *
 * @param bpm tempo folded into 60–180 BPM, if a beat was found
 * @param key e.g. "A minor" (or "A" when the mode is unclear), if the music is tonal enough
 * @param loudnessLufs integrated loudness of the decoded track (negative infinity for silence)
 * @param centroidHz spectral centroid of the mono track
 */
record MusicAnalysis(OptionalDouble bpm, Optional<String> key, double loudnessLufs, double centroidHz) {

    static final double DARK_BELOW_HZ = 1000;
    static final double BRIGHT_ABOVE_HZ = 2500;
    static final double QUIET_BELOW_LUFS = -24;
    static final double LOUD_ABOVE_LUFS = -14;

    /** Analyses mono samples; {@code loudnessLufs} is measured by the caller on the decoded track. */
    static MusicAnalysis of(float[] mono, int sampleRate, double loudnessLufs) {
        KeyEstimator.Spectrum spectrum = KeyEstimator.spectrum(mono, sampleRate);
        Optional<String> key = KeyEstimator.estimate(spectrum.chroma()).map(KeyEstimator.Key::name);
        return new MusicAnalysis(TempoEstimator.estimate(mono, sampleRate), key, loudnessLufs,
                spectrum.centroidHz());
    }

    String brightness() {
        return centroidHz < DARK_BELOW_HZ ? "dark" : centroidHz > BRIGHT_ABOVE_HZ ? "bright" : "warm";
    }

    String loudness() {
        return loudnessLufs < QUIET_BELOW_LUFS ? "quiet" : loudnessLufs > LOUD_ABOVE_LUFS ? "loud" : "moderate";
    }

    /** The caption text (see the class comment for the wording). */
    String captionText() {
        StringBuilder text = new StringBuilder(brightness()).append(", ").append(loudness()).append(" music");
        bpm.ifPresent(b -> text.append(" at ").append(Math.round(b)).append(" BPM"));
        key.ifPresent(k -> text.append(" in ").append(k));
        return text.toString();
    }

    /** The measurements, for the manifest. */
    Map<String, String> attributes() {
        Map<String, String> a = new TreeMap<>();
        bpm.ifPresent(b -> a.put("bpm", String.format(Locale.ROOT, "%.1f", b)));
        key.ifPresent(k -> a.put("key", k));
        if (Double.isFinite(loudnessLufs)) {
            a.put("loudnessLufs", String.format(Locale.ROOT, "%.1f", loudnessLufs));
        }
        a.put("spectralCentroidHz", String.format(Locale.ROOT, "%.0f", centroidHz));
        return a;
    }

    Caption caption() {
        return new Caption(captionText(), CaptionSource.ANALYSIS, attributes());
    }

}
