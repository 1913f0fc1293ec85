package studio.codebook.engine.audio;

import java.nio.file.Path;

/** Decodes one file format from the file's bytes. Implementations hold no state between calls. */
interface AudioDecoder {

    /**
     * @param file the file the bytes came from, for messages only
     * @param content the whole file
     * @param offset where this format's stream starts (after an ID3v2 tag, for instance)
     * @throws AudioFormatException when the content is damaged, cut short or of an unsupported variant
     */
    AudioClip decode(Path file, byte[] content, int offset) throws AudioFormatException;
}
