package studio.codebook.ui.controls;

import java.util.Locale;

/**
 * One token under the pointer in a {@link TokenStreamView}.
 *
 * @param codebook 0-based codebook (row)
 * @param frame 0-based frame of that codebook's stream
 * @param column the drawn column (differs from the frame in the delay layout)
 * @param seconds the frame's start time in the clip
 * @param token the token id
 */
public record TokenCell(int codebook, int frame, int column, double seconds, int token) {

    /** "codebook 2, frame 120, 2.400 s, token 37" (codebooks counted from 1, as z¹…zᴷ). */
    public String describe() {
        return String.format(Locale.ROOT, "codebook %d, frame %d, %.3f s, token %d", codebook + 1, frame, seconds,
                token);
    }
}
