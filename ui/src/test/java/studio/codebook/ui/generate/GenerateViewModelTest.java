package studio.codebook.ui.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.AudioReader;
import studio.codebook.engine.audio.AudioTags;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.generate.ClipRecord;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.ui.common.ClipSink;
import studio.codebook.ui.common.CurrentThreadTaskExecutor;
import studio.codebook.ui.common.RecordingPlayback;

class GenerateViewModelTest {

    private static MusicModel model;

    @TempDir
    Path dir;

    private CurrentThreadTaskExecutor executor;
    private RecordingPlayback playback;
    private List<ClipRecord> saved;
    private SimpleObjectProperty<MusicModel> modelProperty;
    private GenerateViewModel vm;

    @BeforeAll
    static void createModel() throws IOException {
        model = MusicModel.create(ModelPresets.architecture("tiny", "rvq", "tiny-ui"), Device.cpu(), 5);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @BeforeEach
    void setUp() {
        executor = new CurrentThreadTaskExecutor();
        playback = new RecordingPlayback(true);
        saved = new ArrayList<>();
        modelProperty = new SimpleObjectProperty<>(model);
        vm = new GenerateViewModel(executor, modelProperty, playback, sink());
        vm.sampling().durationSecondsProperty().set(1);
    }

    /** Stores like the library: WAV and sidecar in a folder. */
    private ClipSink sink() {
        return (clip, record) -> {
            Path wav = dir.resolve("clip-" + saved.size() + ".wav");
            WavWriter.write(clip, wav, 16);
            record.write(ClipExporter.sidecarOf(wav));
            saved.add(record);
            return wav;
        };
    }

    @Test
    void generatesEveryVariantAndStoresEachWithItsRecord() throws IOException {
        vm.prompt().promptProperty().set("warm lo-fi beat with a piano");
        vm.prompt().tempoProperty().set("80");
        vm.prompt().keyProperty().set("Dm");
        vm.sampling().seedProperty().set(1234);
        vm.sampling().seedLockedProperty().set(true);
        vm.sampling().variantCountProperty().set(2);
        List<Path> reported = new ArrayList<>();
        vm.setOnClipsSaved(reported::addAll);

        vm.generate();

        assertEquals(2, saved.size());
        assertEquals(2, vm.variants().size());
        assertEquals(1234L, vm.seedUsedProperty().get());
        assertEquals(List.of(1234L, 1235L), saved.stream().map(ClipRecord::seed).toList());
        assertEquals("warm lo-fi beat with a piano, 80 BPM, in D minor", saved.get(0).params().prompt());
        assertEquals("tiny-ui", saved.get(0).modelId());
        for (VariantViewModel v : vm.variants()) {
            assertEquals(VariantViewModel.State.DONE, v.state());
            assertTrue(Files.isRegularFile(v.file()));
            assertEquals(v.clip().numFrames(), v.audio().length());
            assertEquals(1.0, v.clip().durationSeconds(), 0.05);
            assertEquals(v.clip().numFrames(), AudioReader.read(v.file()).numFrames());
        }
        assertEquals(List.of(vm.variants().get(0).file(), vm.variants().get(1).file()), reported);
        assertTrue(vm.statusProperty().get().startsWith("Made 2 clips"), vm.statusProperty().get());
        assertTrue(vm.statusProperty().get().contains("seed 1234"), vm.statusProperty().get());
        assertEquals(List.of("warm lo-fi beat with a piano"), vm.prompt().history().items());
        assertFalse(vm.runningProperty().get());
        assertEquals(1.0, vm.progressProperty().get());
        assertTrue(vm.canGenerateProperty().get());
        assertEquals(1, playback.calls.size(), "auto-play starts variant 1 when done: " + playback.calls);
    }

    @Test
    void theSameLockedSeedMakesTheSameAudioAndAnUnlockedSeedIsDrawnAndShown() {
        vm.prompt().promptProperty().set("techno with a saw lead");
        vm.sampling().seedProperty().set(7);
        vm.sampling().seedLockedProperty().set(true);
        vm.generate();
        float[] first = vm.variants().get(0).audio().copy();
        vm.generate();
        assertEquals(7L, vm.seedUsedProperty().get());
        org.junit.jupiter.api.Assertions.assertArrayEquals(first, vm.variants().get(0).audio().copy());

        vm.sampling().seedLockedProperty().set(false);
        vm.generate();
        long used = vm.seedUsedProperty().get();
        assertEquals(vm.sampling().seedProperty().get(), used, "the seed field shows the seed the run used");
        assertEquals(used, saved.get(saved.size() - 1).seed());
    }

    @Test
    void cancelStoresNothingAndKeepsTheSettings() {
        vm.prompt().promptProperty().set("ambient pad");
        vm.sampling().variantCountProperty().set(3);
        executor.cancelNext();
        vm.generate();

        assertTrue(saved.isEmpty());
        assertTrue(vm.statusProperty().get().startsWith("Cancelled"), vm.statusProperty().get());
        assertEquals("ambient pad", vm.prompt().promptProperty().get());
        assertEquals(3, vm.variants().size());
        vm.variants().forEach(v -> assertEquals(VariantViewModel.State.CANCELLED, v.state()));
        assertFalse(vm.runningProperty().get());
        assertTrue(vm.canGenerateProperty().get());

        vm.generate(); // and the next run works
        assertEquals(3, saved.size());
    }

    @Test
    void anEmptyPromptBlocksGenerateWithAClearMessage() {
        vm.prompt().promptProperty().set("   ");
        assertFalse(vm.canGenerateProperty().get());
        assertEquals(GenerateViewModel.EMPTY_PROMPT, vm.blockedReasonProperty().get());
        vm.generate();
        assertEquals(GenerateViewModel.EMPTY_PROMPT, vm.statusProperty().get());
        assertTrue(saved.isEmpty());

        vm.prompt().promptProperty().set("jazz");
        vm.prompt().tempoProperty().set("very fast");
        assertFalse(vm.canGenerateProperty().get());
        assertTrue(vm.blockedReasonProperty().get().startsWith("Tempo must be"));

        vm.prompt().tempoProperty().set("");
        modelProperty.set(null);
        assertFalse(vm.canGenerateProperty().get());
        assertTrue(vm.blockedReasonProperty().get().startsWith("No model is loaded"));
        modelProperty.set(model);
        assertTrue(vm.canGenerateProperty().get());
    }

    @Test
    void continuesADroppedWav() throws IOException {
        Path wav = dir.resolve("idea.wav");
        WavWriter.write(AudioClip.mono(new float[8000], 16_000), wav, 16); // 0.5 s
        vm.continuation().continueFrom(wav);
        assertEquals(wav, vm.continuation().fileProperty().get());
        assertEquals(0.5, vm.continuation().secondsProperty().get(), 1e-9);
        vm.prompt().promptProperty().set("piano");
        vm.sampling().seedLockedProperty().set(true);
        vm.generate();

        ClipRecord r = saved.get(0);
        assertEquals(wav.toString(), r.continuedFrom());
        assertEquals(0.5, r.promptSeconds(), 0.05);
        assertEquals(1.5, r.durationSeconds(), 0.06);

        Path text = dir.resolve("notes.wav");
        Files.writeString(text, "not audio");
        vm.continuation().clear();
        vm.continuation().continueFrom(text);
        assertNull(vm.continuation().fileProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Can't continue notes.wav"), vm.statusProperty().get());
    }

    @Test
    void loadPutsARecordsSettingsBackSoGenerateMakesTheClipAgain() {
        vm.prompt().promptProperty().set("chiptune with a square lead");
        vm.sampling().variantCountProperty().set(2);
        vm.sampling().cfgScaleProperty().set(2.5);
        vm.sampling().topKProperty().set(50);
        vm.generate();
        VariantViewModel second = vm.variants().get(1);
        float[] audio = second.audio().copy();

        GenerateViewModel fresh = new GenerateViewModel(executor, modelProperty, playback, sink());
        fresh.load(second.record());
        assertEquals("chiptune with a square lead", fresh.prompt().promptProperty().get());
        assertEquals(second.seed(), fresh.sampling().seedProperty().get());
        assertTrue(fresh.sampling().seedLockedProperty().get());
        assertEquals(1, fresh.sampling().variantCountProperty().get());
        assertEquals(2.5, fresh.sampling().cfgScaleProperty().get());
        assertEquals(50, fresh.sampling().topKProperty().get());
        fresh.generate();
        float[] again = fresh.variants().get(0).audio().copy();
        assertEquals(audio.length, again.length);
        double diff = 0;
        for (int i = 0; i < audio.length; i++) {
            diff = Math.max(diff, Math.abs(audio[i] - again[i]));
        }
        // the engine promises the same codes up to float differences between batch sizes
        assertTrue(diff < 0.05, "regenerated audio differs by " + diff);
    }

    @Test
    void exportsWavAndFlacWithMetadataAndSidecar() throws IOException {
        vm.prompt().promptProperty().set("house groove with an organ");
        vm.sampling().seedLockedProperty().set(true);
        vm.sampling().seedProperty().set(99);
        vm.generate();
        VariantViewModel v = vm.variants().get(0);
        for (ExportFormat f : ExportFormat.values()) {
            Path target = dir.resolve("export-" + f + "." + f.extension());
            vm.export(v, target, f);
            assertTrue(vm.statusProperty().get().startsWith("Exported"), vm.statusProperty().get());
            Map<String, String> tags = AudioTags.read(target);
            assertEquals("house groove with an organ", tags.get(AudioTags.TITLE));
            ClipRecord inFile = ClipExporter.recordIn(tags);
            assertEquals(99, inFile.seed());
            assertEquals(target.getFileName().toString(), inFile.file());
            ClipRecord sidecar = ClipRecord.read(ClipExporter.sidecarOf(target));
            assertEquals(inFile, sidecar);
            assertEquals(v.clip().numFrames(), AudioReader.read(target).numFrames());
        }
        assertEquals("house-groove-with-an-organ-99.flac", vm.suggestedExportName(v, ExportFormat.FLAC));
    }

    @Test
    void playPausesResumesAndExplainsAMissingDevice() {
        vm.prompt().promptProperty().set("rock");
        vm.autoPlayProperty().set(false);
        vm.generate();
        VariantViewModel v = vm.variants().get(0);
        vm.togglePlay(v);
        assertTrue(v.playingProperty().get());
        playback.position.set(0.25);
        assertEquals(0.25, v.playheadProperty().get());
        vm.togglePlaySelected();
        vm.togglePlaySelected();
        assertEquals(List.of("play 16000@16000 0.00-1.00", "pause", "resume"), playback.calls.subList(0, 3));

        v.selectionStartProperty().set(0.2);
        v.selectionEndProperty().set(0.6);
        v.loopProperty().set(true);
        vm.stopPlayback();
        vm.togglePlay(v);
        assertEquals("play 16000@16000 0.20-0.60 loop", playback.calls.get(playback.calls.size() - 1));

        GenerateViewModel silent = new GenerateViewModel(executor, modelProperty, new RecordingPlayback(false), sink());
        silent.sampling().durationSecondsProperty().set(1);
        silent.prompt().promptProperty().set("rock");
        silent.generate();
        assertEquals(1, silent.variants().size(), "generation works without a device");
        assertFalse(silent.playbackAvailable());
        silent.togglePlay(silent.variants().get(0));
        assertEquals("Can't play: no audio output device was found", silent.statusProperty().get());
    }

    @Test
    void streamedChunksFeedAStreamingOutputWhileGenerating() {
        List<float[]> streamed = new ArrayList<>();
        boolean[] finished = {false};
        vm.setStreamingOutput(rate -> new StreamingOutput.Stream() {
            @Override
            public void append(float[] mono) {
                assertEquals(VariantViewModel.State.GENERATING, vm.variants().get(0).state());
                streamed.add(mono);
            }

            @Override
            public void finish() {
                finished[0] = true;
            }
        });
        vm.prompt().promptProperty().set("lo-fi");
        vm.sampling().durationSecondsProperty().set(2);
        vm.generate();
        assertTrue(streamed.size() >= 2, "chunks streamed: " + streamed.size());
        assertTrue(finished[0]);
        int total = streamed.stream().mapToInt(a -> a.length).sum();
        assertTrue(total > 16_000, "streamed samples: " + total);
        assertNotNull(vm.variants().get(0).file());
    }
}
