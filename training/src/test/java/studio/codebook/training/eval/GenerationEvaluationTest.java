package studio.codebook.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class GenerationEvaluationTest {

    @Test
    void clipsThatAreTheirRealClipsHaveNoDivergenceNoDistanceAndTheClassifiersOwnAccuracy() throws Exception {
        // 8 clips; the first 6 prompts name their tempo, the last 2 ask for none and are not judged on it
        List<LabeledClip> real = new ArrayList<>();
        List<LabeledClip> synth = ClassifierFixtures.synthClips(2, 1.2, 21);
        for (int i = 0; i < synth.size(); i++) {
            LabeledClip c = synth.get(i);
            String caption = i < 6 ? c.caption() + ", " + (int) c.bpm().getAsDouble() + " BPM" : c.caption();
            real.add(new LabeledClip(c.name(), caption, c.fields(), c.audio()));
        }
        List<GenerationCase> cases = new ArrayList<>();
        for (LabeledClip c : real) {
            cases.add(new GenerationCase(c, c.audio()));
        }
        // a meter that hears every clip at exactly its prompted tempo, doubled for every other clip
        int[] calls = {0};
        TempoMeter meter = (mono, rate) -> OptionalDouble.empty();
        List<Double> bpms = real.stream().map(c -> c.bpm().getAsDouble()).toList();
        TempoMeter fake = (mono, rate) -> {
            int clip = calls[0]++ / 2; // generated, then real, per clip
            return OptionalDouble.of(bpms.get(clip) * (clip % 2 == 0 ? 1 : 2));
        };
        try (AttributeClassifier c = AttributeClassifier.create(ClassifierConfig.tiny(), 1)) {
            GenerationReport r = GenerationEvaluation.measure(c, cases, real, GenerationSpeed.NONE, fake);
            assertEquals(8, r.clips());
            assertEquals(0, r.kl().genre(), 1e-5);
            assertEquals(0, r.kl().lead(), 1e-5);
            assertEquals(0, r.frechetDistance(), 1e-4);
            assertEquals(r.realAdherence(), r.adherence());
            assertEquals(6, r.tempo().clips(), "only prompts that name a tempo are judged on it");
            assertEquals(6, calls[0] / 2);
            assertEquals(0.5, r.tempo().withinStrict(), 1e-12);
            assertEquals(1.0, r.tempo().withinOctave(), 1e-12);
            assertEquals(0, r.tempo().medianOctave(), 1e-12);
            assertEquals(8, r.perClip().size());
            assertTrue(r.toText().contains("prompt adherence"), r.toText());
            JsonNode json = new ObjectMapper().readTree(r.toJson());
            assertEquals(8, json.path("perClip").size());
            assertTrue(json.path("kl").has("genre"));

            // other audio for the generated side: the distance and the divergence become positive
            List<GenerationCase> shuffled = new ArrayList<>();
            for (int i = 0; i < real.size(); i++) {
                shuffled.add(new GenerationCase(real.get(i), real.get((i + 3) % real.size()).audio()));
            }
            GenerationReport other = GenerationEvaluation.measure(c, shuffled, real, GenerationSpeed.NONE, meter);
            assertTrue(other.kl().genre() > 0 || other.kl().lead() > 0);
            assertEquals(0, other.tempo().measured());
            assertEquals(0, other.tempo().withinOctave(), 1e-12);
        }
    }
}
