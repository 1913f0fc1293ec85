package studio.codebook.training.synth;

import java.util.Random;

/** Which {@link Instrument} plays each part, by lead and genre. */
final class Instruments {

    private Instruments() {
    }

    static Instrument lead(Lead lead, int rate, Random random) {
        return switch (lead) {
            case PIANO -> new PianoVoice(rate);
            case PLUCKED_STRING -> new PluckVoice(rate, random, 0.8, 1.6);
            case ELECTRIC_PIANO -> new FmVoice(rate);
            case SAW_LEAD -> new SawVoice(rate, random, SawVoice.LEAD);
            case SQUARE_LEAD -> new SquareVoice(rate, 0.5);
            case STRING_PAD -> new SawVoice(rate, random, SawVoice.PAD);
            case ORGAN -> new OrganVoice(rate, random);
            case FLUTE -> new FluteVoice(rate, random);
        };
    }

    static Instrument comping(Genre genre, int rate) {
        return switch (genre) {
            case AMBIENT -> new SoftVoice(rate, 0.6, 2.0, 0.8, 0.8, 0);
            case CHIPTUNE -> new SoftVoice(rate, 0.002, 0.08, 0.3, 0.02, 0);
            case HOUSE, TECHNO -> new SoftVoice(rate, 0.005, 0.15, 0.4, 0.08, 0);
            default -> new SoftVoice(rate, 0.01, 0.5, 0.6, 0.15, 0);
        };
    }

    static Instrument bass(Genre genre, int rate, Random random) {
        return switch (genre) {
            case TECHNO, HOUSE -> new SawVoice(rate, random, SawVoice.BASS);
            case ROCK -> new PluckVoice(rate, random, 0.45, 1.2);
            case JAZZ -> new PluckVoice(rate, random, 0.2, 0.9);
            case CHIPTUNE -> new SoftVoice(rate, 0.002, 1, 1, 0.02, 0);
            default -> new SoftVoice(rate, 0.005, 0.6, 0.7, 0.06, 0.35);
        };
    }
}
