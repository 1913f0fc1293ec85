package studio.codebook.training.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The four cases of {@code shared/reference/mmd_cases.json}, reproduced to 1e-6. */
class IndependenceLossReferenceTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray input(MmdCases.Case c, DataType type) {
        long[] shape = new long[c.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = c.shape()[i];
        }
        return manager.create(c.input(), new Shape(shape)).toType(type, false);
    }

    @Test
    void referenceValueReproducesAllFourCases() throws IOException {
        MmdCases data = MmdCases.load();
        assertEquals(4, data.cases.size());
        assertEquals(IndependenceConfig.DEFAULT_SIGMAS, data.sigmas);
        for (MmdCases.Case c : data.cases) {
            double got = IndependenceLoss.referenceValue(input(c, DataType.FLOAT64), c.delay(), c.permutations(), data.sigmas);
            System.out.printf("mmd case %-18s expected %+.12f got %+.12f (clamped: expected %.12f got %.12f)%n",
                    c.name(), c.unclamped(), got, c.clamped(), Math.max(0, got));
            assertEquals(c.unclamped(), got, 1e-6, c.name());
            assertEquals(c.clamped(), Math.max(0, got), 1e-6, c.name() + " clamped");
        }
    }

    /** The float32 training path (streams as the quantizer hands them) agrees to float precision. */
    @Test
    void float32PathFromStreamsAgrees() throws IOException {
        MmdCases data = MmdCases.load();
        for (MmdCases.Case c : data.cases) {
            NDArray x = input(c, DataType.FLOAT32);
            int k = c.shape()[1];
            NDList streams = new NDList();
            for (int i = 0; i < k; i++) {
                streams.add(x.get(new NDIndex(":, {}, :, :", i)));
            }
            long[] dims = new long[k];
            java.util.Arrays.fill(dims, c.shape()[2]);
            NDArray rows = IndependenceLoss.samples(streams, c.delay());
            assertEquals(c.samples(), rows.getShape().get(0), c.name() + " N");
            double got = IndependenceLoss.mmd2(rows, dims, c.permutations(), data.sigmas).getFloat();
            assertEquals(c.unclamped(), got, 1e-5, c.name() + " float32");
        }
    }
}
