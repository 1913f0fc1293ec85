package studio.codebook.training.synth;

import java.io.IOException;

/** The output folder cannot take this corpus (it holds other files, or a corpus made with other settings). */
public class CorpusException extends IOException {

    public CorpusException(String message) {
        super(message);
    }
}
