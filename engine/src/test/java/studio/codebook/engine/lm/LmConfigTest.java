package studio.codebook.engine.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LmConfigTest {

    @Test
    void presetsAndDerivedSizes() {
        LmConfig tiny = LmConfig.tiny();
        assertEquals(4, tiny.codebooks());
        assertEquals(64, tiny.cardinality());
        assertEquals(65, tiny.vocabulary());
        assertEquals(16, tiny.headDim());
        assertEquals(128, tiny.ffnDim());
        LmConfig def = LmConfig.defaultSize();
        assertEquals(64, def.headDim());
        assertEquals(1500, def.maxSteps());
        // emb 4·1025·256 + 6·(16·256² + 6·256) + 2·256 + 4·1024·256
        assertEquals(4L * 1025 * 256 + 6L * (16 * 256 * 256 + 6 * 256) + 2 * 256 + 4L * 1024 * 256, def.parameterCount());
    }

    @Test
    void flopsPerStepCountsProjectionsAttentionAndHeads() {
        LmConfig c = LmConfig.tiny(); // d 32, f 128, 2 layers, K 4, card 64
        double perLayer = 4 * 32 * 32 + 2 * 32 * 128 + 2 * 10 * 32 + 2 * 32 * 32 + 2 * 5 * 32;
        assertEquals(2.0 * 3 * (2 * perLayer + 4 * 64 * 32), c.flopsPerStep(3, 10, 5), 1e-6);
    }

    @Test
    void invalidValuesAreRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LmConfig.of(4, 64, 30, 2, 4, 256));
        assertTrue(e.getMessage().contains("heads"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LmConfig.of(0, 64, 32, 2, 2, 256));
        assertThrows(IllegalArgumentException.class, () -> LmConfig.of(4, 1, 32, 2, 2, 256));
        assertThrows(IllegalArgumentException.class, () -> LmConfig.of(4, 64, 32, 0, 2, 256));
        assertThrows(IllegalArgumentException.class, () -> LmConfig.of(4, 64, 32, 2, 2, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new LmConfig(4, 64, 32, 2, 2, 4, 256, false, "relu", true, "sinusoidal", 1e-5));
        assertThrows(IllegalArgumentException.class,
                () -> new LmConfig(4, 64, 32, 2, 2, 4, 256, false, "gelu", true, "rope", 1e-5));
        assertThrows(IllegalArgumentException.class,
                () -> new LmConfig(4, 64, 32, 2, 2, 4, 256, false, "gelu", true, "sinusoidal", 0));
    }

    @Test
    void jsonRoundTrip() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        LmConfig c = LmConfig.defaultSize().withBias(true);
        String json = mapper.writeValueAsString(c);
        assertEquals(c, mapper.readValue(json, LmConfig.class));
        assertThrows(Exception.class, () -> mapper.readValue(json.replace("\"heads\":4", "\"heads\":3"), LmConfig.class));
    }
}
