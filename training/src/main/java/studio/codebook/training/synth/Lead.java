package studio.codebook.training.synth;

import java.util.List;

/** The instrument that plays the melody, one timbre family each; the lead is the loudest part of the mix. */
public enum Lead {
    PIANO("piano", 72, List.of("piano", "acoustic piano", "grand piano", "bright piano")),
    PLUCKED_STRING("plucked string", 67,
            List.of("plucked guitar", "plucked strings", "picked guitar", "harp-like pluck")),
    ELECTRIC_PIANO("electric piano", 72,
            List.of("electric piano", "Rhodes-style electric piano", "FM electric piano", "bell-like electric piano")),
    SAW_LEAD("saw lead", 72, List.of("saw lead", "sawtooth synth lead", "buzzy saw synth", "analog-style saw lead")),
    SQUARE_LEAD("square lead", 74, List.of("square-wave lead", "square lead", "pulse-wave synth", "retro square synth")),
    STRING_PAD("string pad", 67, List.of("string pad", "lush strings", "string ensemble", "warm string pad")),
    ORGAN("organ", 67, List.of("organ", "drawbar organ", "electric organ", "Hammond-style organ")),
    FLUTE("flute", 79, List.of("flute", "breathy flute", "soft flute", "airy flute"));

    private final String label;
    private final int centerMidi;
    private final List<String> phrases;

    Lead(String label, int centerMidi, List<String> phrases) {
        this.label = label;
        this.centerMidi = centerMidi;
        this.phrases = phrases;
    }

    /** The canonical name, as written in the sidecar JSON. */
    public String label() {
        return label;
    }

    /** The MIDI note the melody's register is centred on. */
    int centerMidi() {
        return centerMidi;
    }

    /** Ways a caption may name this instrument (the first is the canonical one). */
    public List<String> phrases() {
        return phrases;
    }

    /** Sustained timbres play longer, fewer notes. */
    boolean sustained() {
        return this == STRING_PAD || this == ORGAN || this == FLUTE;
    }
}
