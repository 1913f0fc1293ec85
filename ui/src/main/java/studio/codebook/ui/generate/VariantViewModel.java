package studio.codebook.ui.generate;

import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.generate.ClipRecord;
import studio.codebook.ui.controls.WaveformData;

/**
 * One variant of a generation as its card shows it: the audio as it streams in, then the finished clip
 * with the file the library stored and its record; whether it is the one playing, the playhead, the loop
 * switch and the selected span. Changed on the FX thread only.
 */
public final class VariantViewModel {

    /** Where the variant is in its life. */
    public enum State {
        GENERATING, DONE, CANCELLED, FAILED
    }

    private final int index;
    private final long seed;
    private final double expectedSeconds;
    private final WaveformData audio;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.GENERATING);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Generating…");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final ReadOnlyDoubleWrapper playhead = new ReadOnlyDoubleWrapper(this, "playhead", -1);
    private final BooleanProperty loop = new SimpleBooleanProperty(this, "loop");
    private final DoubleProperty selectionStart = new SimpleDoubleProperty(this, "selectionStart", -1);
    private final DoubleProperty selectionEnd = new SimpleDoubleProperty(this, "selectionEnd", -1);
    private AudioClip clip;
    private ClipRecord record;

    VariantViewModel(int index, long seed, int sampleRate, double expectedSeconds) {
        this.index = index;
        this.seed = seed;
        this.expectedSeconds = expectedSeconds;
        this.audio = new WaveformData(sampleRate);
    }

    /** 0-based. */
    public int index() {
        return index;
    }

    /** "Variant 2". */
    public String title() {
        return "Variant " + (index + 1);
    }

    /** The seed that makes this variant again as a one-variant generation. */
    public long seed() {
        return seed;
    }

    /** The clip's length when finished (continued audio included), for the waveform's time axis. */
    public double expectedSeconds() {
        return expectedSeconds;
    }

    /** The samples so far (streamed, then replaced by the final decode). */
    public WaveformData audio() {
        return audio;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    /** A short line for the card ("Saved", "Cancelled: not saved" …). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The WAV the library stored (null until saved): what a drag out of the window carries. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public Path file() {
        return file.get();
    }

    /** The finished clip, or null while generating or when cancelled. */
    public AudioClip clip() {
        return clip;
    }

    /** The finished clip's record (null until done). */
    public ClipRecord record() {
        return record;
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** The playhead in seconds while this variant is the one played, else −1. */
    public ReadOnlyDoubleProperty playheadProperty() {
        return playhead.getReadOnlyProperty();
    }

    public BooleanProperty loopProperty() {
        return loop;
    }

    /** Selected span start in seconds, −1 = none; the waveform writes it, play uses it. */
    public DoubleProperty selectionStartProperty() {
        return selectionStart;
    }

    public DoubleProperty selectionEndProperty() {
        return selectionEnd;
    }

    /** The selected span [start, end) in seconds, or null when nothing is selected. */
    public double[] selection() {
        double a = selectionStart.get();
        double b = selectionEnd.get();
        return a >= 0 && b > a ? new double[] {a, b} : null;
    }

    void appendAudio(float[] mono) {
        audio.append(mono);
    }

    void finish(AudioClip finished, ClipRecord stored, Path storedFile) {
        clip = finished;
        record = stored;
        audio.replace(finished.monoSamples());
        file.set(storedFile);
        state.set(State.DONE);
        status.set(storedFile == null ? "Done" : "Saved to the library");
    }

    void cancelled() {
        state.set(State.CANCELLED);
        status.set(audio.length() == 0 ? "Cancelled" : "Cancelled: partial audio, not saved");
    }

    void failed(String why) {
        state.set(State.FAILED);
        status.set(why);
    }

    void setStatus(String text) {
        status.set(text);
    }

    void setPlaying(boolean on) {
        playing.set(on);
    }

    void setPlayhead(double seconds) {
        playhead.set(seconds);
    }
}
