package studio.codebook.engine.quantize;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Which continuous vector stands for quantizer stage k in the independence loss (METHOD.md, point 1).
 */
public enum StreamKind {
    /** Stage k's chosen codeword, with the straight-through gradient to the encoder: the ICML paper's setting. */
    CODEWORD("codeword"),
    /** The residual entering stage k (stage 1: the encoder output). For PVQ: the k-th sub-vector itself. */
    STAGE_INPUT("stage-input"),
    /** The residual left after stage k. For PVQ: the k-th sub-vector minus its codeword. */
    STAGE_RESIDUAL("stage-residual");

    private final String id;

    StreamKind(String id) {
        this.id = id;
    }

    /** The name used in configuration files and on the command line. */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * The vector this kind stands for, given stage k's input x_k (on the latent's graph) and its codeword
     * q_k (no gradient): CODEWORD q_k + (x_k − sg(x_k)), value exactly q_k with the identity gradient to
     * x_k; STAGE_INPUT x_k; STAGE_RESIDUAL x_k − q_k.
     */
    NDArray of(NDArray stageInput, NDArray codeword) {
        return switch (this) {
            case CODEWORD -> codeword.add(stageInput.sub(stageInput.stopGradient()));
            case STAGE_INPUT -> stageInput;
            case STAGE_RESIDUAL -> stageInput.sub(codeword);
        };
    }

    /** Parses "codeword", "stage-input" or "stage-residual" (case-insensitive; underscores accepted). */
    @JsonCreator
    public static StreamKind parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (StreamKind kind : values()) {
            if (kind.id.equals(t)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "unknown stream kind '" + text + "' (expected codeword, stage-input or stage-residual)");
    }
}
