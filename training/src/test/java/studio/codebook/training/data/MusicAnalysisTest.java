package studio.codebook.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MusicAnalysisTest {

    private static final int RATE = 16000;

    @Test
    void clickTrackAt120BpmReads120() {
        OptionalDouble bpm = TempoEstimator.estimate(TestSignals.clickTrack(120, 30, RATE), RATE);
        assertTrue(bpm.isPresent(), "no tempo found");
        assertEquals(120, bpm.getAsDouble(), 2.0);
        for (double target : new double[] {72, 95, 150}) {
            OptionalDouble other = TempoEstimator.estimate(TestSignals.clickTrack(target, 20, RATE), RATE);
            assertEquals(target, other.orElse(-1), 2.0, "click track at " + target + " BPM");
        }
    }

    @Test
    void drumLoopTempoWithinTwoBpm() {
        // 60 and 90 are tracked on the hi-hat eighths first and must be halved back; 175 must not be halved
        for (double target : new double[] {60, 90, 100, 120, 140, 175}) {
            OptionalDouble bpm = TempoEstimator.estimate(TestSignals.drumLoop(target, 30, RATE, 7), RATE);
            assertTrue(bpm.isPresent(), "no tempo found at " + target);
            assertEquals(target, bpm.getAsDouble(), 2.0, "drum loop at " + target + " BPM");
        }
    }

    @Test
    void tempoFoldsIntoSixtyToOneEighty() {
        assertEquals(120, TempoEstimator.fold(240), 1e-9);
        assertEquals(80, TempoEstimator.fold(40), 1e-9);
        assertEquals(150, TempoEstimator.fold(150), 1e-9);
    }

    @Test
    void noiseSilenceAndHeldNotesHaveNoTempo() {
        assertTrue(TempoEstimator.estimate(new float[RATE * 10], RATE).isEmpty());
        assertTrue(TempoEstimator.estimate(TestSignals.noise(20, RATE, 0.3, 1), RATE).isEmpty());
        assertTrue(TempoEstimator.estimate(TestSignals.noise(20, RATE, 0.05, 2), RATE).isEmpty());
        assertTrue(TempoEstimator.estimate(TestSignals.tone(440, 10, RATE, 0.3), RATE).isEmpty());
    }

    @Test
    void aDrumLoopUnderChordsHasBothTempoAndKey() {
        float[] mix = TestSignals.drumLoop(100, 20, RATE, 1);
        float[] chords = TestSignals.aMinorProgression(20, RATE);
        for (int i = 0; i < mix.length; i++) {
            mix[i] = 0.3f * mix[i] + chords[i];
        }
        MusicAnalysis a = MusicAnalysis.of(mix, RATE, -14);
        assertEquals(100, a.bpm().orElse(-1), 2.0);
        assertEquals(Optional.of("A minor"), a.key());
    }

    @Test
    void clicksAndDrumsNameNoKeyAndAHeldNoteNamesNoMode() {
        assertEquals(Optional.empty(), key(TestSignals.clickTrack(120, 10, RATE)));
        assertEquals(Optional.empty(), key(TestSignals.drumLoop(120, 10, RATE, 3)));
        assertEquals(Optional.of("A"), key(TestSignals.tone(440, 10, RATE, 0.3)));
    }

    @Test
    void cMajorProgressionIsCMajor() {
        assertEquals(Optional.of("C major"), key(TestSignals.cMajorProgression(16, RATE)));
    }

    @Test
    void aMinorProgressionIsAMinor() {
        assertEquals(Optional.of("A minor"), key(TestSignals.aMinorProgression(16, RATE)));
    }

    @Test
    void transposedProgressionFollowsTheTonic() {
        // the C major progression two semitones up: D major
        float[] d = TestSignals.chords(new int[][] {{50, 62, 66, 69}, {43, 62, 67, 71}, {45, 61, 64, 69},
            {50, 62, 66, 69}}, 1.0, 16, RATE);
        assertEquals(Optional.of("D major"), key(d));
    }

    @Test
    void captionWordsTheMeasurements() {
        MusicAnalysis loudBright = new MusicAnalysis(OptionalDouble.of(120.2), Optional.of("A minor"), -9, 3200);
        assertEquals("bright, loud music at 120 BPM in A minor", loudBright.captionText());
        MusicAnalysis quietDark = new MusicAnalysis(OptionalDouble.empty(), Optional.empty(), -30, 400);
        assertEquals("dark, quiet music", quietDark.captionText());
        MusicAnalysis warm = new MusicAnalysis(OptionalDouble.of(90), Optional.empty(), -18, 1500);
        assertEquals("warm, moderate music at 90 BPM", warm.captionText());
    }

    @Test
    void brightnessFollowsTheSpectrum() {
        MusicAnalysis low = MusicAnalysis.of(TestSignals.tone(110, 5, RATE, 0.3), RATE, -20);
        MusicAnalysis high = MusicAnalysis.of(TestSignals.noise(5, RATE, 0.3, 1), RATE, -20);
        assertEquals("dark", low.brightness());
        assertEquals("bright", high.brightness());
    }

    @Test
    void analysisTimePerMinuteOfAudio() {
        float[] minute = new float[RATE * 60];
        float[] drums = TestSignals.drumLoop(120, 60, RATE, 3);
        float[] chords = TestSignals.cMajorProgression(60, RATE);
        for (int i = 0; i < minute.length; i++) {
            minute[i] = 0.5f * drums[i] + chords[i];
        }
        MusicAnalysis.of(minute, RATE, -14); // warm up the JIT
        long start = System.nanoTime();
        MusicAnalysis analysis = MusicAnalysis.of(minute, RATE, -14);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("analysis of 60 s at 16 kHz: %.2f s -> \"%s\"%n", seconds, analysis.captionText());
        assertTrue(analysis.bpm().isPresent());
        assertEquals(120, analysis.bpm().getAsDouble(), 2.0);
        assertEquals(Optional.of("C major"), analysis.key());
    }

    private static Optional<String> key(float[] mono) {
        return KeyEstimator.estimate(KeyEstimator.spectrum(mono, RATE).chroma()).map(KeyEstimator.Key::name);
    }
}
