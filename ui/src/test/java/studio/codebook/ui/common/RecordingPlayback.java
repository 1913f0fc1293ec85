package studio.codebook.ui.common;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;

/**
 * The views' tests' playback: records what it was asked to play (as requests and as readable call lines) and
 * never makes a sound. Availability can be switched off to exercise the "no audio device" path.
 */
public final class RecordingPlayback implements Playback {

    public record Request(float[] samples, int sampleRate, double start, double end, boolean loop) {
    }

    public final List<Request> requests = new ArrayList<>();
    /** "play N@RATE START-END[ loop]", "pause", "resume", "stop", in order. */
    public final List<String> calls = new ArrayList<>();
    public final ReadOnlyDoubleWrapper position = new ReadOnlyDoubleWrapper(0);
    public final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(false);
    private final String reason;
    private boolean available;

    public RecordingPlayback(boolean available) {
        this(available, "no audio output device was found");
    }

    /** @param reason what {@link #unavailableReason()} says while unavailable */
    public RecordingPlayback(boolean available, String reason) {
        this.available = available;
        this.reason = reason;
    }

    public void setAvailable(boolean value) {
        available = value;
    }

    /** The latest play request, or null. */
    public Request last() {
        return requests.isEmpty() ? null : requests.get(requests.size() - 1);
    }

    /** Moves the playhead, as a real playback would while playing. */
    public void advanceTo(double seconds) {
        position.set(seconds);
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public String unavailableReason() {
        return available ? "" : reason;
    }

    @Override
    public void play(float[] mono, int sampleRate, double startSeconds, double endSeconds, boolean loop) {
        requests.add(new Request(mono, sampleRate, startSeconds, endSeconds, loop));
        calls.add(String.format("play %d@%d %.2f-%.2f%s", mono.length, sampleRate, startSeconds, endSeconds,
                loop ? " loop" : ""));
        position.set(startSeconds);
        playing.set(true);
    }

    @Override
    public void pause() {
        calls.add("pause");
        playing.set(false);
    }

    @Override
    public void resume() {
        calls.add("resume");
        playing.set(true);
    }

    @Override
    public void stop() {
        calls.add("stop");
        playing.set(false);
    }

    @Override
    public ReadOnlyDoubleProperty position() {
        return position.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty playing() {
        return playing.getReadOnlyProperty();
    }
}
