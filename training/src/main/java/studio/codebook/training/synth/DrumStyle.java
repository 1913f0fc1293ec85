package studio.codebook.training.synth;

import java.util.List;

/** The drum pattern family; each genre has one or two. */
public enum DrumStyle {
    FOUR_ON_THE_FLOOR("four-on-the-floor",
            List.of("four-on-the-floor kick", "a steady four-on-the-floor beat", "four-to-the-floor drums")),
    BOOM_BAP("boom-bap", List.of("boom-bap drums", "a boom-bap beat", "dusty boom-bap drums")),
    BACKBEAT("backbeat", List.of("backbeat drums", "a straight backbeat", "live-sounding backbeat drums")),
    BREAKBEAT("breakbeat", List.of("breakbeat drums", "a chopped breakbeat", "a breakbeat groove")),
    JAZZ_RIDE("brushed ride",
            List.of("brushed snare and ride cymbal", "a swinging ride cymbal", "brushes and ride")),
    CHIP_NOISE("chip noise", List.of("noise-channel drums", "chip noise drums", "8-bit drums")),
    NONE("none", List.of("no drums", "no percussion", "no beat"));

    private final String label;
    private final List<String> phrases;

    DrumStyle(String label, List<String> phrases) {
        this.label = label;
        this.phrases = phrases;
    }

    public String label() {
        return label;
    }

    /** Ways a caption may describe these drums. */
    public List<String> phrases() {
        return phrases;
    }
}
