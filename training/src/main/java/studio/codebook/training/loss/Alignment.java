package studio.codebook.training.loss;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Which codes of the K streams form one sample of their joint distribution (METHOD.md, point 2).
 */
public enum Alignment {
    /** The K streams of one frame: [s¹ₜ; s²ₜ; …; sᴷₜ]. What a parallel-pattern LM emits together. */
    SAME("same"),
    /**
     * Stream k (0-based) delayed by k frames: [s¹ₜ; s²ₜ₋₁; …; sᴷₜ₋ₖ₊₁], the codes the delay-pattern LM
     * (MusicGen) emits in one step. The paper's MusicGen-MMD setting.
     */
    DELAY("delay");

    private final String id;

    Alignment(String id) {
        this.id = id;
    }

    /** The name used in configuration files and on the command line. */
    @JsonValue
    public String id() {
        return id;
    }

    /** Parses "same" or "delay" (case-insensitive). */
    @JsonCreator
    public static Alignment parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Alignment a : values()) {
            if (a.id.equals(t)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown alignment '" + text + "' (expected same or delay)");
    }
}
