package studio.codebook.ui.generate;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.AudioReader;
import studio.codebook.ui.common.BackgroundTask;
import studio.codebook.ui.common.TaskExecutor;

/**
 * The audio the next run carries on from: a file (WAV, FLAC, MP3, Ogg) read off the FX thread and cut to
 * its last {@value #MAX_SECONDS} seconds, so the model continues its end. What happens is reported on the
 * status line it is given.
 */
public final class Continuation {

    /** Longer audio to continue is cut to its last this-many seconds. */
    public static final double MAX_SECONDS = 30;

    private final TaskExecutor executor;
    private final Consumer<String> status;
    private final DoubleSupplier addedSeconds;
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyDoubleWrapper seconds = new ReadOnlyDoubleWrapper(this, "seconds");
    private AudioClip clip;

    /**
     * @param executor reads the file off the FX thread
     * @param status the status line
     * @param addedSeconds how much new audio a run adds (for the message after reading)
     */
    public Continuation(TaskExecutor executor, Consumer<String> status, DoubleSupplier addedSeconds) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.status = Objects.requireNonNull(status, "status");
        this.addedSeconds = Objects.requireNonNull(addedSeconds, "addedSeconds");
    }

    /** The audio file being continued, or null. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** Seconds of it that are continued (at most {@value #MAX_SECONDS}). */
    public ReadOnlyDoubleProperty secondsProperty() {
        return seconds.getReadOnlyProperty();
    }

    /** The audio a run starts from (the cut end of the file), or null to generate from the prompt alone. */
    public AudioClip clip() {
        return clip;
    }

    /** Reads {@code audioFile} and makes it the start of the next clips; a file that cannot be read is reported. */
    public void continueFrom(Path audioFile) {
        status.accept("Reading " + audioFile.getFileName() + "…");
        executor.execute(BackgroundTask.of("Read audio to continue",
                ctx -> lastSeconds(AudioReader.read(audioFile), MAX_SECONDS)).onSuccess(read -> {
                    clip = read;
                    file.set(audioFile);
                    seconds.set(read.durationSeconds());
                    status.accept(String.format("Continuing %s (%s): Generate adds %s after it",
                            audioFile.getFileName(), StatusText.seconds(read.durationSeconds()),
                            StatusText.seconds(addedSeconds.getAsDouble())));
                }).onFailure(e -> status.accept("Can't continue " + audioFile.getFileName() + ": "
                        + StatusText.reason(e))));
    }

    /** Generates from the prompt alone again. */
    public void clear() {
        clip = null;
        file.set(null);
        seconds.set(0);
    }

    /** The last {@code seconds} of {@code clip} (all of it when it is shorter), every channel kept. */
    static AudioClip lastSeconds(AudioClip clip, double seconds) {
        int keep = (int) Math.round(seconds * clip.sampleRate());
        if (clip.numFrames() <= keep) {
            return clip;
        }
        float[][] channels = new float[clip.numChannels()][];
        int from = clip.numFrames() - keep;
        for (int c = 0; c < channels.length; c++) {
            channels[c] = Arrays.copyOfRange(clip.channel(c), from, clip.numFrames());
        }
        return new AudioClip(channels, clip.sampleRate());
    }
}
