package studio.codebook.training.synth;

import java.util.List;

/**
 * (genre, lead) pairs that are never rendered into a training corpus, one per genre, so that an adherence
 * test can prompt for a pair the model only ever heard apart. Every held-out lead is still played in other
 * genres, and every genre keeps other leads. Fixed, not drawn: the same for every seed.
 */
public final class HeldOut {

    /** A genre and a lead that are, here, never rendered together in training. */
    public record Pair(Genre genre, Lead lead) {
        /** "techno + plucked string". */
        @Override
        public String toString() {
            return genre.label() + " + " + lead.label();
        }
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair(Genre.TECHNO, Lead.PLUCKED_STRING),
            new Pair(Genre.HOUSE, Lead.ORGAN),
            new Pair(Genre.HIP_HOP, Lead.FLUTE),
            new Pair(Genre.ROCK, Lead.PIANO),
            new Pair(Genre.AMBIENT, Lead.ELECTRIC_PIANO),
            new Pair(Genre.JAZZ, Lead.ORGAN),
            new Pair(Genre.LO_FI, Lead.STRING_PAD),
            new Pair(Genre.CHIPTUNE, Lead.SAW_LEAD));

    private HeldOut() {
    }

    /** The held-out pairs, one per genre, in genre order. */
    public static List<Pair> combinations() {
        return PAIRS;
    }

    /** Whether this pair is held out of training. */
    public static boolean contains(Genre genre, Lead lead) {
        return PAIRS.contains(new Pair(genre, lead));
    }
}
