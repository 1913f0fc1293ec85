package studio.codebook.training.synth;

import java.util.List;
import java.util.Random;

/** Draws genre-typical {@link Attributes} from a seeded {@link Random}. */
public final class AttributeSampler {

    private AttributeSampler() {
    }

    /** Attributes for a training clip: any genre, any of its leads except the {@link HeldOut} one. */
    public static Attributes training(Random random) {
        Genre genre = pick(random, List.of(Genre.values()));
        List<Lead> leads = genre.leads().stream().filter(l -> !HeldOut.contains(genre, l)).toList();
        return sample(random, genre, pick(random, leads));
    }

    /** Attributes for an evaluation clip of a held-out pair: its genre and lead, the rest drawn as usual. */
    public static Attributes heldOut(Random random, HeldOut.Pair pair) {
        return sample(random, pair.genre(), pair.lead());
    }

    /** Attributes with the given genre and lead, the rest drawn from the genre's typical choices. */
    public static Attributes sample(Random random, Genre genre, Lead lead) {
        int bpm = genre.minBpm() + random.nextInt(genre.maxBpm() - genre.minBpm() + 1);
        int tonic = random.nextInt(12);
        Mode mode = random.nextDouble() < genre.majorProbability() ? Mode.MAJOR : Mode.MINOR;
        DrumStyle drums = pick(random, genre.drumStyles());
        double[] w = genre.energyWeights();
        double u = random.nextDouble() * (w[0] + w[1] + w[2]);
        Energy energy = u < w[0] ? Energy.LOW : u < w[0] + w[1] ? Energy.MEDIUM : Energy.HIGH;
        return new Attributes(genre, bpm, tonic, mode, lead, drums, energy);
    }

    static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
