package studio.codebook.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.model.ModelFileException;
import studio.codebook.engine.model.MusicModel;

class ModelServiceTest {

    @TempDir
    Path data;

    private ModelService service(Path bundled) {
        return new ModelService(new CurrentThreadTaskExecutor(), data.resolve("models"),
                () -> Optional.ofNullable(bundled), ComputeDevice::cpu);
    }

    private static NDArray anLmWeight(MusicModel model) {
        return model.lm().getParameters().valueAt(0).getArray();
    }

    @Test
    void listsTheBundledModelThenTheUserModelsAndSkipsBrokenFolders() throws IOException {
        Path bundled = TinyModel.copyTo(data.resolve("bundled"));
        TinyModel.copyTo(data.resolve("models/b-mine"));
        Files.createDirectories(data.resolve("models/broken"));
        Files.writeString(data.resolve("models/broken/model.json"), "{ not json");
        Files.createDirectories(data.resolve("models/not-a-model"));
        ModelService models = service(bundled);
        models.refresh();
        List<ModelEntry> list = models.models();
        assertEquals(2, list.size(), list.toString());
        assertEquals(ModelEntry.Source.BUNDLED, list.get(0).source());
        assertTrue(list.get(0).label().endsWith("(bundled)"));
        assertEquals(data.resolve("models/b-mine"), list.get(1).folder());
        assertEquals(ModelEntry.Source.USER, list.get(1).source());
        assertTrue(models.status().get().contains("broken"), models.status().get());
    }

    @Test
    void loadsTheChosenModelOnTheDeviceAndUnloadsIt() throws IOException {
        TinyModel.copyTo(data.resolve("models/tiny"));
        ModelService models = service(null);
        models.refresh();
        ModelEntry entry = models.models().get(0);
        models.load(entry);
        assertNotNull(models.current().get());
        assertEquals(entry, models.currentEntry().get());
        assertEquals("tiny-ui", models.current().get().config().id());
        assertEquals(ComputeDevice.cpu().device(), models.device().get().device());
        assertFalse(models.loading().get());
        assertTrue(models.status().get().contains("loaded in"), models.status().get());
        NDArray weight = anLmWeight(models.current().get());

        models.unload();
        assertNull(models.current().get());
        assertNull(models.currentEntry().get());
        assertTrue(weight.isReleased(), "unloading frees the native memory");
        assertTrue(models.lease().isEmpty());
    }

    @Test
    void aLeaseKeepsTheModelAliveUntilItCloses() throws IOException {
        TinyModel.copyTo(data.resolve("models/tiny"));
        ModelService models = service(null);
        models.refresh();
        models.load(models.models().get(0));
        MusicModel loaded = models.current().get();
        ModelLease lease = models.lease().orElseThrow();
        assertSame(loaded, lease.model());
        models.unload();
        assertFalse(anLmWeight(loaded).isReleased(), "still leased");
        lease.close();
        lease.close();
        assertTrue(anLmWeight(loaded).isReleased());
    }

    @Test
    void loadingAnotherModelFreesThePreviousOne() throws IOException {
        TinyModel.copyTo(data.resolve("models/one"));
        TinyModel.copyTo(data.resolve("models/two"));
        ModelService models = service(null);
        models.refresh();
        models.load(models.models().get(0));
        MusicModel first = models.current().get();
        models.load(models.models().get(1));
        assertTrue(anLmWeight(first).isReleased());
        assertEquals(data.resolve("models/two"), models.currentEntry().get().folder());
        models.close();
        assertNull(models.current().get());
    }

    @Test
    void modelsAddedAtRunTimeAreListedOnceAndKeptOnRefresh() throws IOException {
        Path tuned = TinyModel.copyTo(data.resolve("finetuned/run-1"));
        ModelService models = service(null);
        models.refresh();
        assertTrue(models.models().isEmpty());
        ModelEntry entry = models.add(tuned);
        assertSame(entry, models.add(tuned));
        assertEquals(ModelEntry.Source.ADDED, entry.source());
        models.refresh();
        assertEquals(List.of(entry), models.models());
        assertThrows(ModelFileException.class, () -> models.add(data));
    }

    @Test
    void refreshAndLoadPrefersTheLastModelThenTheBundledOne() throws IOException {
        Path bundled = TinyModel.copyTo(data.resolve("bundled"));
        Path mine = TinyModel.copyTo(data.resolve("models/mine"));
        ModelService models = service(bundled);
        models.refreshAndLoad(mine);
        assertEquals(mine, models.currentEntry().get().folder());
        models.refreshAndLoad(data.resolve("models/gone"));
        assertEquals(bundled, models.currentEntry().get().folder());
        models.close();

        ModelService none = new ModelService(new CurrentThreadTaskExecutor(), data.resolve("empty"),
                Optional::empty, ComputeDevice::cpu);
        none.refreshAndLoad(null);
        assertNull(none.current().get());
        assertTrue(none.status().get().startsWith("No model yet"), none.status().get());
    }

    @Test
    void aFailedLoadSaysWhyAndKeepsNothing() throws IOException {
        Path broken = TinyModel.copyTo(data.resolve("models/broken"));
        Files.delete(broken.resolve("lm.safetensors"));
        ModelService models = service(null);
        models.refresh();
        models.load(models.models().get(0));
        assertNull(models.current().get());
        assertTrue(models.status().get().contains("lm.safetensors"), models.status().get());
        assertFalse(models.loading().get());
    }
}
