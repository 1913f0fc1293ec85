package studio.codebook.ui.audio;

import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/** The system's default sound output through a javax.sound {@link SourceDataLine}. */
public final class SourceLineOutput implements AudioOutput {

    /** About 120 ms of buffer: short enough for a responsive pause, long enough not to stutter. */
    private static final double BUFFER_SECONDS = 0.12;

    private SourceDataLine line;
    private int rate;

    /** 16-bit signed little-endian mono at {@code sampleRate}. */
    static AudioFormat format(int sampleRate) {
        return new AudioFormat(sampleRate, 16, 1, true, false);
    }

    /**
     * Why no sound can be played here, or empty when a line is available. A machine without a sound
     * card has no line (UI-TESTING.md); the check never throws.
     */
    public static Optional<String> probe() {
        try {
            DataLine.Info info = new DataLine.Info(SourceDataLine.class, format(44_100));
            if (AudioSystem.isLineSupported(info)) {
                return Optional.empty();
            }
            return Optional.of(AudioSystem.getMixerInfo().length == 0
                    ? "No audio device was found, so clips cannot be played. Everything else works, and exported "
                            + "files play elsewhere."
                    : "The audio devices present cannot play 16-bit PCM, so clips cannot be played here.");
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("Audio output could not be started (" + e.getMessage() + ").");
        }
    }

    @Override
    public void open(int sampleRate) throws LineUnavailableException {
        close();
        AudioFormat format = format(sampleRate);
        SourceDataLine l = AudioSystem.getSourceDataLine(format);
        int bytes = Math.max(2048, (int) (sampleRate * BUFFER_SECONDS) * 2);
        l.open(format, bytes);
        line = l;
        rate = sampleRate;
    }

    @Override
    public int sampleRate() {
        return rate;
    }

    @Override
    public int availableFrames() {
        return line == null ? 0 : line.available() / 2;
    }

    @Override
    public void write(byte[] pcm, int frames) {
        line.write(pcm, 0, frames * 2);
    }

    @Override
    public long playedFrames() {
        return line == null ? 0 : line.getLongFramePosition();
    }

    @Override
    public void start() {
        line.start();
    }

    @Override
    public void stop() {
        line.stop();
    }

    @Override
    public void flush() {
        line.flush();
    }

    @Override
    public void close() {
        if (line != null) {
            line.close();
            line = null;
            rate = 0;
        }
    }
}
