package studio.codebook.engine.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CodebookTest {

    private static final int DIM = 4;
    private static final int SIZE = 8;

    private NDManager manager;
    private ParameterStore ps;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        ps = new ParameterStore(manager, false);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Codebook codebook(long seed) {
        Codebook cb = Codebook.builder().setSize(SIZE).setDimension(DIM).optKmeansIterations(10).optSeed(seed).build();
        cb.initialize(manager, DataType.FLOAT32, new Shape(256, DIM));
        return cb;
    }

    /** [N, DIM] frames of a clustered latent. */
    private static NDArray rows(NDManager m, ClusteredData data, int n) {
        return AbstractQuantizer.frames(data.latent(m, 1, n));
    }

    private static Parameter param(Codebook cb, String name) {
        return cb.getParameters().get(name);
    }

    @Test
    void stateIsFourNamedParametersThatNeedNoGradient() {
        Codebook cb = codebook(1);
        List<String> names = cb.getParameters().keys();
        assertEquals(List.of("entries", "cluster_sizes", "sums", "initialised"), names);
        for (Parameter p : cb.getParameters().values()) {
            assertFalse(p.requiresGradient(), p.getName());
            assertFalse(p.getArray().hasGradient(), p.getName());
        }
        assertEquals(new Shape(SIZE, DIM), param(cb, "entries").getArray().getShape());
        assertEquals(new Shape(SIZE), param(cb, "cluster_sizes").getArray().getShape());
        assertEquals(new Shape(SIZE, DIM), param(cb, "sums").getArray().getShape());
        assertFalse(cb.isCodebookInitialised(ps, manager.getDevice()));
    }

    @Test
    void nearestEntryIsTheSquaredEuclideanArgmin() {
        Codebook cb = codebook(1);
        ClusteredData data = new ClusteredData(4, DIM, 2, 0.5, 3);
        cb.initialiseIfNeeded(ps, rows(manager, data, 256));
        NDArray x = rows(manager, data, 64);
        long[] codes = cb.encode(ps, x).toLongArray();
        float[] e = cb.entries(ps, manager.getDevice()).toFloatArray();
        float[] v = x.toFloatArray();
        for (int n = 0; n < 64; n++) {
            int best = -1;
            double bestD = Double.MAX_VALUE;
            for (int j = 0; j < SIZE; j++) {
                double d = 0;
                for (int c = 0; c < DIM; c++) {
                    double diff = v[n * DIM + c] - e[j * DIM + c];
                    d += diff * diff;
                }
                if (d < bestD) {
                    bestD = d;
                    best = j;
                }
            }
            assertEquals(best, codes[n], "frame " + n);
        }
    }

    @Test
    void kmeansInitialisationIsDeterministicAndConsistent() {
        ClusteredData data = new ClusteredData(4, DIM, 2, 0.3, 5);
        NDArray x = rows(manager, data, 256);
        Codebook a = codebook(42);
        Codebook b = codebook(42);
        Codebook c = codebook(43);
        assertTrue(a.initialiseIfNeeded(ps, x));
        assertTrue(b.initialiseIfNeeded(ps, x));
        assertTrue(c.initialiseIfNeeded(ps, x));
        assertFalse(a.initialiseIfNeeded(ps, x), "second call must not re-initialise");
        assertTrue(a.isCodebookInitialised(ps, manager.getDevice()));
        assertArrayEquals(param(a, "entries").getArray().toFloatArray(), param(b, "entries").getArray().toFloatArray());
        assertNotEquals(
                java.util.Arrays.toString(param(a, "entries").getArray().toFloatArray()),
                java.util.Arrays.toString(param(c, "entries").getArray().toFloatArray()));
        // counts sum to the batch and sums = entries × counts
        float[] sizes = param(a, "cluster_sizes").getArray().toFloatArray();
        double total = 0;
        for (float s : sizes) {
            total += s;
        }
        assertEquals(256, total, 1e-3);
        NDArray expected = param(a, "entries").getArray().mul(param(a, "cluster_sizes").getArray().expandDims(1));
        assertEquals(0, ClusteredData.mse(expected, param(a, "sums").getArray()), 1e-8);
    }

    @Test
    void deadEntriesMoveToBatchVectorsAndTheirEmaBuffersAreReset() {
        Codebook cb = codebook(7);
        ClusteredData data = new ClusteredData(4, DIM, 2, 0.3, 11);
        cb.forward(ps, new NDList(rows(manager, data, 256)), true); // k-means + one update
        // entries 6 and 7 are put where nothing will ever win them, with a dead EMA count
        NDArray entries = param(cb, "entries").getArray();
        NDArray sizes = param(cb, "cluster_sizes").getArray();
        NDArray sums = param(cb, "sums").getArray();
        entries.set(new NDIndex("6:8, :"), 1000f);
        sums.set(new NDIndex("6:8, :"), 1000f);
        sizes.set(new NDIndex("6:8"), 0f);

        NDArray batch = rows(manager, data, 256);
        long[] codes = cb.encode(ps, batch).toLongArray();
        for (long code : codes) {
            assertTrue(code < 6, "a far entry won a vector");
        }
        cb.forward(ps, new NDList(batch), true);

        float[] e = param(cb, "entries").getArray().toFloatArray();
        float[] n = param(cb, "cluster_sizes").getArray().toFloatArray();
        float[] s = param(cb, "sums").getArray().toFloatArray();
        float[] v = batch.toFloatArray();
        for (int j = 6; j < 8; j++) {
            assertTrue(distanceToNearestRow(e, j, v) < 1e-10, "entry " + j + " is not a batch vector");
            assertEquals(2f, n[j], 0f, "cluster size of replaced entry " + j);
            for (int c = 0; c < DIM; c++) {
                assertEquals(2 * e[j * DIM + c], s[j * DIM + c], 1e-5, "EMA sum of replaced entry " + j);
            }
        }
        // the next update keeps them as batch vectors (won or replaced again), never back near 1000 or 0
        NDArray next = rows(manager, data, 256);
        cb.forward(ps, new NDList(next), true);
        float[] e2 = param(cb, "entries").getArray().toFloatArray();
        float[] both = concat(v, next.toFloatArray());
        for (int j = 6; j < 8; j++) {
            double d = distanceToNearestRow(e2, j, both);
            double dc = nearestCentre(e2, j, data);
            assertTrue(d < 1e-10 || dc < 1.0, "entry " + j + " drifted: " + d + " / " + dc);
        }
    }

    private static double distanceToNearestRow(float[] entries, int j, float[] rows) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < rows.length / DIM; r++) {
            double d = 0;
            for (int c = 0; c < DIM; c++) {
                double diff = entries[j * DIM + c] - rows[r * DIM + c];
                d += diff * diff;
            }
            best = Math.min(best, d);
        }
        return best;
    }

    private static double nearestCentre(float[] entries, int j, ClusteredData data) {
        double best = Double.MAX_VALUE;
        for (float[] centre : data.centres) {
            double d = 0;
            for (int c = 0; c < DIM; c++) {
                double diff = entries[j * DIM + c] - centre[c];
                d += diff * diff;
            }
            best = Math.min(best, d);
        }
        return best;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void emaUpdateFollowsTheLaplaceSmoothedAverage() {
        Codebook cb = Codebook.builder().setSize(SIZE).setDimension(DIM).optKmeansIterations(5)
                .optDeadCodeThreshold(0).optSeed(3).build();
        cb.initialize(manager, DataType.FLOAT32, new Shape(64, DIM));
        ClusteredData data = new ClusteredData(8, DIM, 2, 0.3, 13);
        NDArray first = rows(manager, data, 64);
        cb.initialiseIfNeeded(ps, first);
        float[] n0 = param(cb, "cluster_sizes").getArray().toFloatArray();
        float[] s0 = param(cb, "sums").getArray().toFloatArray();
        NDArray x = rows(manager, data, 64);
        long[] codes = cb.encode(ps, x).toLongArray();
        cb.update(ps, x, cb.encode(ps, x));
        float[] v = x.toFloatArray();
        double[] n1 = new double[SIZE];
        double[] s1 = new double[SIZE * DIM];
        for (int j = 0; j < SIZE; j++) {
            n1[j] = 0.99 * n0[j];
            for (int c = 0; c < DIM; c++) {
                s1[j * DIM + c] = 0.99 * s0[j * DIM + c];
            }
        }
        for (int r = 0; r < codes.length; r++) {
            int j = (int) codes[r];
            n1[j] += 0.01;
            for (int c = 0; c < DIM; c++) {
                s1[j * DIM + c] += 0.01 * v[r * DIM + c];
            }
        }
        double total = 0;
        for (double n : n1) {
            total += n;
        }
        float[] e = param(cb, "entries").getArray().toFloatArray();
        float[] n = param(cb, "cluster_sizes").getArray().toFloatArray();
        for (int j = 0; j < SIZE; j++) {
            assertEquals(n1[j], n[j], 1e-4);
            double smoothed = (n1[j] + 1e-5) / (total + SIZE * 1e-5) * total;
            for (int c = 0; c < DIM; c++) {
                assertEquals(s1[j * DIM + c] / smoothed, e[j * DIM + c], 1e-3, "entry " + j);
            }
        }
    }

    @Test
    void parameterNamesAreStableForTheModelFile() {
        Codebook cb = codebook(1);
        List<String> ids = cb.getParameters().values().stream().map(Parameter::getName).collect(Collectors.toList());
        assertEquals(List.of("entries", "cluster_sizes", "sums", "initialised"), ids);
    }
}
