package studio.codebook.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PromptTempoTest {

    private static double bpm(String prompt) {
        return PromptTempo.bpm(prompt).orElse(Double.NaN);
    }

    @Test
    void readsTheWaysMusiciansAndTheCorpusCaptionsWriteATempo() {
        assertEquals(128, bpm("energetic techno with a saw lead, 128 BPM"));
        assertEquals(80, bpm("warm lo-fi piano over brushed drums, 80bpm"));
        assertEquals(97, bpm("jazz tune with a soft flute — 97 beats per minute, with a swinging ride cymbal"));
        assertEquals(136, bpm("peak-time techno, analog-style saw lead, tempo 136, in Ab minor"));
        assertEquals(75, bpm("ambient track featuring an FM electric piano at a tempo of 75 BPM in the key of Ab minor"));
        assertEquals(100, bpm("Tempo: 100, dark house"));
        assertEquals(120, bpm("a dark house cut at a tempo of 120."));
        assertEquals(92.5, bpm("a slow groove at 92.5 bpm"));
        assertEquals(140, bpm("hip-hop at 70 or 140 BPM"), "the first tempo in range counts: 70 is not followed by BPM");
    }

    @Test
    void numbersThatAreNotATempoAreIgnored() {
        assertTrue(PromptTempo.bpm("a tune with an 808 kick in D minor").isEmpty());
        assertTrue(PromptTempo.bpm("").isEmpty());
        assertTrue(PromptTempo.bpm(null).isEmpty());
        assertTrue(PromptTempo.bpm("12 bpm drone").isEmpty(), "below the range");
        assertTrue(PromptTempo.bpm("1120 bpm").isEmpty(), "not the last digits of a longer number");
        assertTrue(PromptTempo.bpm("tempo 1200").isEmpty());
        assertEquals(150, bpm("12 bpm? no: 150 bpm"), "an out-of-range mention is skipped for the next");
    }
}
