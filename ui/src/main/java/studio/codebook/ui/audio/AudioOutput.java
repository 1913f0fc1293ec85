package studio.codebook.ui.audio;

/**
 * A 16-bit mono PCM output as {@link LinePlayback} drives it: never blocking, so the playback thread
 * can poll it between commands. {@link SourceLineOutput} is the sound card; tests use a fake.
 */
public interface AudioOutput extends AutoCloseable {

    /** Opens (or reopens) the output at {@code sampleRate}; the output starts stopped. */
    void open(int sampleRate) throws Exception;

    /** The rate it is open at, or 0 when closed. */
    int sampleRate();

    /** Frames that can be written now without blocking. */
    int availableFrames();

    /** Writes {@code frames} 16-bit little-endian mono frames from {@code pcm}; at most {@link #availableFrames()}. */
    void write(byte[] pcm, int frames);

    /** Frames played (heard) since it was opened; flushing does not rewind it. */
    long playedFrames();

    void start();

    /** Pauses: buffered frames stay and play on {@link #start()}. */
    void stop();

    /** Discards buffered frames. */
    void flush();

    @Override
    void close();
}
