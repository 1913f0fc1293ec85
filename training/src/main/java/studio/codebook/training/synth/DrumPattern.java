package studio.codebook.training.synth;

import java.util.List;
import java.util.Random;

/** Writes a drum style's bar pattern, thinned or filled by the energy, with humanised timing and velocity. */
final class DrumPattern {

    private final Attributes a;
    private final Random random;

    DrumPattern(Attributes a, Random random) {
        this.a = a;
        this.random = random;
    }

    void write(int bars, List<DrumHit> out) {
        for (int bar = 0; bar < bars; bar++) {
            for (int step = 0; step < 16; step++) {
                for (Hit h : hits(bar, step)) {
                    double t = Arrangement.stepTime(a, bar * 16 + step) + humanise();
                    double v = h.velocity * (1 + 0.1 * (random.nextDouble() * 2 - 1));
                    out.add(new DrumHit(Math.max(0, t), h.sound, Math.min(1, v)));
                }
            }
        }
    }

    private record Hit(DrumSound sound, double velocity) {
    }

    private double humanise() {
        double d = random.nextGaussian() * Arrangement.TIMING_SIGMA;
        return Math.max(-Arrangement.TIMING_LIMIT, Math.min(Arrangement.TIMING_LIMIT, d));
    }

    private List<Hit> hits(int bar, int step) {
        boolean high = a.energy() == Energy.HIGH;
        boolean low = a.energy() == Energy.LOW;
        boolean quarter = step % 4 == 0;
        boolean eighth = step % 2 == 0;
        java.util.ArrayList<Hit> hits = new java.util.ArrayList<>(3);
        switch (a.drums()) {
            case FOUR_ON_THE_FLOOR -> {
                if (quarter) {
                    hits.add(new Hit(DrumSound.KICK, 1.0));
                }
                if (step == 4 || step == 12) {
                    hits.add(new Hit(a.genre() == Genre.HOUSE ? DrumSound.CLAP : DrumSound.SNARE, 0.8));
                }
                if (step % 4 == 2) {
                    hits.add(new Hit(DrumSound.OPEN_HAT, 0.6));
                } else if (high || (!low && eighth)) {
                    hits.add(new Hit(DrumSound.CLOSED_HAT, quarter ? 0.5 : 0.35));
                }
            }
            case BOOM_BAP -> {
                if (step == 0 || step == 7 || step == 10 || (bar % 2 == 1 && step == 11)) {
                    hits.add(new Hit(DrumSound.KICK, step == 0 ? 1.0 : 0.85));
                }
                if (step == 4 || step == 12) {
                    hits.add(new Hit(DrumSound.SNARE, 0.95));
                }
                if (eighth || (high && step % 4 == 3)) {
                    hits.add(new Hit(DrumSound.CLOSED_HAT, quarter ? 0.55 : 0.4));
                }
            }
            case BACKBEAT -> {
                if (step == 0 || step == 8 || (!low && step == 10)) {
                    hits.add(new Hit(DrumSound.KICK, 1.0));
                }
                if (step == 4 || step == 12) {
                    hits.add(new Hit(DrumSound.SNARE, 1.0));
                }
                if (high || (eighth && (!low || quarter))) {
                    hits.add(new Hit(bar % 4 == 0 && step == 0 ? DrumSound.OPEN_HAT : DrumSound.CLOSED_HAT,
                            quarter ? 0.6 : 0.45));
                }
            }
            case BREAKBEAT -> {
                if (step == 0 || step == 2 || step == 10 || step == 11) {
                    hits.add(new Hit(DrumSound.KICK, step == 0 ? 1.0 : 0.8));
                }
                if (step == 4 || step == 12) {
                    hits.add(new Hit(DrumSound.SNARE, 1.0));
                } else if (step == 7 || step == 9 || (high && step == 15)) {
                    hits.add(new Hit(DrumSound.SNARE, 0.45));
                }
                if (eighth) {
                    hits.add(new Hit(DrumSound.CLOSED_HAT, 0.45));
                }
            }
            case JAZZ_RIDE -> {
                if (quarter || step % 8 == 6) { // ding, ding-a, ding, ding-a
                    hits.add(new Hit(DrumSound.RIDE, quarter ? 0.75 : 0.5));
                }
                if (step == 4 || step == 12) {
                    hits.add(new Hit(DrumSound.CLOSED_HAT, 0.35)); // hi-hat pedal on 2 and 4
                    hits.add(new Hit(DrumSound.BRUSH, 0.5));
                }
                if (quarter) {
                    hits.add(new Hit(DrumSound.KICK, 0.3)); // feathered
                }
            }
            case CHIP_NOISE -> {
                if (step == 0 || step == 8 || (high && step == 10)) {
                    hits.add(new Hit(DrumSound.KICK, 1.0));
                }
                if (step == 4 || step == 12) {
                    hits.add(new Hit(DrumSound.SNARE, 0.9));
                }
                if (eighth) {
                    hits.add(new Hit(DrumSound.CLOSED_HAT, quarter ? 0.5 : 0.35));
                }
            }
            case NONE -> {
            }
        }
        return hits;
    }
}
