package studio.codebook.training.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import studio.codebook.engine.audio.AudioClip;

/** The attributes are audible: tempo on the grid, key from the chroma, genre tempo ranges. */
class MusicalContentTest {

    private static final int RATE = 16_000;
    /** Krumhansl–Kessler key profiles, tonic first. */
    private static final double[] MAJOR = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
    private static final double[] MINOR = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

    @Test
    void everyGenresTempoRangeIsRespectedAndWithin60To180() {
        Random random = new Random(11);
        for (Genre g : Genre.values()) {
            assertTrue(g.minBpm() >= 60 && g.maxBpm() <= 180 && g.minBpm() < g.maxBpm(), g.label());
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (int i = 0; i < 400; i++) {
                Attributes a = AttributeSampler.sample(random, g, g.leads().get(0));
                assertTrue(a.bpm() >= g.minBpm() && a.bpm() <= g.maxBpm(), a.toString());
                assertTrue(g.drumStyles().contains(a.drums()), a.toString());
                lo = Math.min(lo, a.bpm());
                hi = Math.max(hi, a.bpm());
            }
            assertTrue(hi - lo >= (g.maxBpm() - g.minBpm()) * 0.8, g + " uses its whole range: " + lo + "–" + hi);
        }
    }

    @Test
    void drumHitsFallOnTheGridOfTheStatedTempo() {
        for (int i = 0; i < 40; i++) {
            ClipSpec clip = ClipSpec.of(5, i, false);
            Attributes a = clip.attributes();
            Arrangement arrangement = Arrangement.compose(a, new Random(i), 10);
            assertEquals(a.drums() == DrumStyle.NONE, arrangement.drums().isEmpty(), a.toString());
            for (DrumHit h : arrangement.drums()) {
                double best = Double.MAX_VALUE;
                int near = (int) Math.round(h.start() / (a.beatSeconds() / 4));
                for (int s = near - 1; s <= near + 1; s++) {
                    best = Math.min(best, Math.abs(h.start() - Arrangement.stepTime(a, s)));
                }
                assertTrue(best <= Arrangement.TIMING_LIMIT + 1e-9, a + ": hit " + h + " is " + best + " s off the grid");
            }
        }
    }

    /** Among lags within ±10 % of the beat, the onset envelope's autocorrelation peaks within ±2 % of it. */
    @Test
    void onsetAutocorrelationPeaksAtTheBeatPeriod() {
        int hop = 32;
        int checked = 0;
        int within = 0;
        StringBuilder misses = new StringBuilder();
        for (int i = 0; checked < 40; i++) {
            ClipSpec clip = ClipSpec.of(21, i, false);
            Attributes a = clip.attributes();
            if (a.drums() == DrumStyle.NONE) {
                continue;
            }
            checked++;
            AudioClip audio = clip.render(10, RATE);
            double[] onset = Spectra.onsets(audio.channel(0), hop);
            double period = a.beatSeconds() * RATE / hop;
            int from = (int) Math.floor(period * 0.9);
            int to = (int) Math.ceil(period * 1.1);
            int best = from;
            for (int lag = from; lag <= to; lag++) {
                if (Spectra.autocorrelation(onset, lag) > Spectra.autocorrelation(onset, best)) {
                    best = lag;
                }
            }
            double y0 = Spectra.autocorrelation(onset, best - 1);
            double y1 = Spectra.autocorrelation(onset, best);
            double y2 = Spectra.autocorrelation(onset, best + 1);
            double peak = best + 0.5 * (y0 - y2) / (y0 - 2 * y1 + y2);
            if (Math.abs(peak - period) / period <= 0.02) {
                within++;
            } else {
                misses.append(String.format(" %s %d BPM: peak at %.1f frames, beat %.1f;", a.genre(), a.bpm(), peak,
                        period));
            }
        }
        assertEquals(checked, within, "clips whose onset autocorrelation peaks at the beat ±2 %:" + misses);
    }

    @Test
    void chromaMatchesTheStatedKeyForMostClips() {
        int n = 40;
        int right = 0;
        StringBuilder wrong = new StringBuilder();
        for (int i = 0; i < n; i++) {
            ClipSpec clip = ClipSpec.of(33, i, false);
            Attributes a = clip.attributes();
            double[] chroma = Spectra.chroma(clip.render(10, RATE).channel(0), RATE);
            int bestTonic = -1;
            Mode bestMode = null;
            double bestR = -2;
            for (Mode mode : Mode.values()) {
                for (int tonic = 0; tonic < 12; tonic++) {
                    double r = correlation(chroma, mode == Mode.MAJOR ? MAJOR : MINOR, tonic);
                    if (r > bestR) {
                        bestR = r;
                        bestTonic = tonic;
                        bestMode = mode;
                    }
                }
            }
            if (bestTonic == a.tonic() && bestMode == a.mode()) {
                right++;
            } else {
                wrong.append(" ").append(a.genre()).append(' ').append(a.key()).append(" heard as ")
                        .append(new Attributes(a.genre(), a.bpm(), bestTonic, bestMode, a.lead(), a.drums(),
                                a.energy()).key()).append(';');
            }
        }
        System.out.println("key: " + right + "/" + n + " clips match the stated key;" + wrong);
        assertTrue(right >= 0.8 * n, right + "/" + n + " clips in the stated key;" + wrong);
    }

    @Test
    void everyNoteIsInTheScale() {
        for (int i = 0; i < 40; i++) {
            Attributes a = ClipSpec.of(8, i, false).attributes();
            Arrangement arrangement = Arrangement.compose(a, new Random(i), 10);
            for (var part : java.util.List.of(arrangement.chords(), arrangement.bass(), arrangement.melody())) {
                for (Note note : part) {
                    assertTrue(a.mode().contains(note.midi() - a.tonic()), a + ": " + note + " outside the scale");
                }
            }
            assertTrue(arrangement.melody().size() >= 4, a + ": a melody of " + arrangement.melody().size() + " notes");
        }
    }

    private static double correlation(double[] chroma, double[] profile, int tonic) {
        double mc = 0;
        double mp = 0;
        for (int i = 0; i < 12; i++) {
            mc += chroma[i] / 12;
            mp += profile[i] / 12;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < 12; i++) {
            double x = chroma[(i + tonic) % 12] - mc;
            double y = profile[i] - mp;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
