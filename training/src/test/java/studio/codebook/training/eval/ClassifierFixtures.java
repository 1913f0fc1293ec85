package studio.codebook.training.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.training.synth.Attributes;
import studio.codebook.training.synth.DrumStyle;
import studio.codebook.training.synth.Energy;
import studio.codebook.training.synth.Genre;
import studio.codebook.training.synth.Lead;
import studio.codebook.training.synth.Mode;
import studio.codebook.training.synth.Synthesizer;

/** Short synth clips of 2 genres × 2 leads, labelled as a synth corpus's sidecars label them. */
final class ClassifierFixtures {

    static final int RATE = 8_000;

    private ClassifierFixtures() {}

    /** {@code perPair} clips of each of (techno, ambient) × (saw lead, flute), {@code seconds} long. */
    static List<LabeledClip> synthClips(int perPair, double seconds, long seed) {
        Random random = new Random(seed);
        List<LabeledClip> out = new ArrayList<>();
        Genre[] genres = {Genre.TECHNO, Genre.AMBIENT};
        Lead[] leads = {Lead.SAW_LEAD, Lead.FLUTE};
        for (int i = 0; i < perPair; i++) {
            for (Genre g : genres) {
                for (Lead l : leads) {
                    int bpm = g.minBpm() + random.nextInt(g.maxBpm() - g.minBpm() + 1);
                    DrumStyle drums = g.drumStyles().get(0);
                    Attributes a = new Attributes(g, bpm, random.nextInt(12), random.nextBoolean() ? Mode.MAJOR
                            : Mode.MINOR, l, drums, Energy.MEDIUM);
                    AudioClip audio = Synthesizer.render(a, random.nextLong(), seconds, RATE);
                    out.add(labelled(g.label() + "-" + l.label() + "-" + i, a, audio));
                }
            }
        }
        return out;
    }

    static LabeledClip labelled(String name, Attributes a, AudioClip audio) {
        Map<String, String> fields = new LinkedHashMap<>();
        a.toFields().forEach((k, v) -> fields.put(k, String.valueOf(v)));
        return new LabeledClip(name, a.genre().label() + " with " + a.lead().label(), fields, audio);
    }
}
