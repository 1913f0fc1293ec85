package studio.codebook.ui.generate;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import studio.codebook.ui.common.Playback;

/** Records what it is asked to play; no sound. */
final class FakePlayback implements Playback {

    final List<String> calls = new ArrayList<>();
    final ReadOnlyDoubleWrapper position = new ReadOnlyDoubleWrapper();
    final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper();
    private final boolean available;
    float[] lastSamples;

    FakePlayback(boolean available) {
        this.available = available;
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public String unavailableReason() {
        return available ? "" : "no audio output device was found";
    }

    @Override
    public void play(float[] mono, int sampleRate, double startSeconds, double endSeconds, boolean loop) {
        calls.add(String.format("play %d@%d %.2f-%.2f%s", mono.length, sampleRate, startSeconds, endSeconds,
                loop ? " loop" : ""));
        lastSamples = mono;
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
