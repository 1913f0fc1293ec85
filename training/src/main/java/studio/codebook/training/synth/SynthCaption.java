package studio.codebook.training.synth;

import java.util.Set;

/**
 * A clip's caption and how it was made.
 *
 * @param text the caption
 * @param template which sentence shape and which way of appending tempo/key/drums were used, e.g. "ledby/paren"
 * @param mentioned the attributes the caption states, a subset of genre, lead, mood, bpm, key, drums; the
 *     others were left out on purpose (a prompt rarely says everything)
 */
public record SynthCaption(String text, String template, Set<String> mentioned) {

    public SynthCaption {
        mentioned = Set.copyOf(mentioned);
    }
}
