package studio.codebook.training.synth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import studio.codebook.engine.audio.AudioClip;

/**
 * Clip {@code index} of the corpus of seed {@code corpusSeed}: its file name, its own seed, its attributes
 * and caption, all derived from those two numbers alone (rendering is a separate, costly step), which is
 * what makes a corpus resumable and reproducible.
 *
 * @param index position in the corpus, from 0
 * @param name file base name, e.g. "synth-7-000042"
 * @param seed the clip's seed (composition, sound and caption draw from streams derived from it)
 * @param heldOut whether this is a clip of the held-out evaluation set
 * @param attributes what the clip is
 * @param caption how it is described
 */
public record ClipSpec(int index, String name, long seed, boolean heldOut, Attributes attributes,
        SynthCaption caption) {

    /** The specification of clip {@code index} of a training ({@code heldOut} false) or evaluation corpus. */
    public static ClipSpec of(long corpusSeed, int index, boolean heldOut) {
        if (index < 0) {
            throw new IllegalArgumentException("clip index must be >= 0, not " + index);
        }
        long seed = mix(corpusSeed * 0x9E3779B97F4A7C15L + (index + 1L) * 0xBF58476D1CE4E5B9L
                + (heldOut ? 0x94D049BB133111EBL : 0));
        Random attributeRandom = new Random(seed);
        Attributes a;
        if (heldOut) {
            List<HeldOut.Pair> pairs = HeldOut.combinations();
            a = AttributeSampler.heldOut(attributeRandom, pairs.get(index % pairs.size()));
        } else {
            a = AttributeSampler.training(attributeRandom);
        }
        SynthCaption caption = CaptionWriter.write(a, new Random(mix(seed ^ 0x2545F4914F6CDD1DL)));
        String name = String.format(Locale.ROOT, "%s-%d-%06d", heldOut ? "heldout" : "synth", corpusSeed, index);
        return new ClipSpec(index, name, seed, heldOut, a, caption);
    }

    /** The clip's audio: {@code seconds} long, mono at {@code rate}. */
    public AudioClip render(double seconds, int rate) {
        return Synthesizer.render(attributes, mix(seed ^ 0x6A09E667F3BCC909L), seconds, rate);
    }

    /** The sidecar JSON's fields: "caption", then the attributes, then provenance. */
    public Map<String, Object> sidecar() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("caption", caption.text());
        m.putAll(attributes.toFields());
        m.put("mentioned", String.join(",", caption.mentioned().stream().sorted().toList()));
        m.put("template", caption.template());
        m.put("clip_seed", seed);
        m.put("index", index);
        m.put("held_out", heldOut);
        return m;
    }

    /** SplitMix64's finaliser: nearby inputs give unrelated seeds. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
