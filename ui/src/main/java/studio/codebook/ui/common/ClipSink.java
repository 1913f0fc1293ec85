package studio.codebook.ui.common;

import java.io.IOException;
import java.nio.file.Path;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.generate.ClipRecord;

/**
 * Where generated clips go: the library in the user's data folder writes the WAV and its JSON sidecar
 * (atomically) and lists it. Generate depends on this interface only; tests pass a temporary folder.
 */
public interface ClipSink {

    /**
     * Stores a clip and its record.
     *
     * @return the WAV file written (its sidecar is beside it, same name with .json)
     */
    Path save(AudioClip clip, ClipRecord record) throws IOException;
}
