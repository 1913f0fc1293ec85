package studio.codebook.training.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeldOutTest {

    @Test
    void oneValidPairPerGenreWhoseLeadIsPlayedElsewhere() {
        Set<Genre> genres = new HashSet<>();
        for (HeldOut.Pair p : HeldOut.combinations()) {
            assertTrue(genres.add(p.genre()), "one pair per genre");
            assertTrue(p.genre().leads().contains(p.lead()), p + " is a pair the genre would otherwise use");
            assertTrue(p.genre().leads().size() >= 2, p.genre() + " keeps other leads");
            assertTrue(java.util.Arrays.stream(Genre.values())
                    .anyMatch(g -> g != p.genre() && g.leads().contains(p.lead())), p.lead() + " is heard elsewhere");
        }
        assertEquals(Genre.values().length, genres.size());
    }

    @Test
    void trainingNeverRendersAHeldOutPairAndTheEvaluationSetOnlyThose() {
        Set<HeldOut.Pair> trainingPairs = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            Attributes a = ClipSpec.of(4, i, false).attributes();
            assertFalse(HeldOut.contains(a.genre(), a.lead()), a.toString());
            trainingPairs.add(new HeldOut.Pair(a.genre(), a.lead()));
        }
        long possible = java.util.Arrays.stream(Genre.values()).mapToLong(g -> g.leads().size() - 1).sum();
        assertEquals(possible, trainingPairs.size(), "every other pair is rendered");
        Set<HeldOut.Pair> evaluation = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            ClipSpec clip = ClipSpec.of(4, i, true);
            assertTrue(HeldOut.contains(clip.attributes().genre(), clip.attributes().lead()), clip.toString());
            assertTrue(clip.name().startsWith("heldout-"));
            evaluation.add(new HeldOut.Pair(clip.attributes().genre(), clip.attributes().lead()));
        }
        assertEquals(Set.copyOf(HeldOut.combinations()), evaluation);
    }
}
