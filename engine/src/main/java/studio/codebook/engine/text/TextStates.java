package studio.codebook.engine.text;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The encoded captions the LM cross-attends to.
 *
 * @param states float32 [B, L, outputDim]; zero at padded positions
 * @param mask float32 [B, L]: 1 for a real token, 0 for padding (all 0 for the empty caption)
 * @param warnings messages for the user, e.g. that a caption was truncated
 */
public record TextStates(NDArray states, NDArray mask, List<String> warnings) {

    public TextStates {
        warnings = List.copyOf(warnings);
    }
}
