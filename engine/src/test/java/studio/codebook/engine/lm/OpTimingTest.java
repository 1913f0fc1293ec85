package studio.codebook.engine.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

@EnabledIfSystemProperty(named = "lm.bench", matches = "true")
class OpTimingTest {
    static void time(String name, NDManager m, Function<NDManager, Object> op) {
        for (int i = 0; i < 300; i++) {
            try (NDManager s = m.newSubManager()) { op.apply(s); }
        }
        int n = 3000;
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (NDManager s = m.newSubManager()) { op.apply(s); }
        }
        System.out.printf("%-40s %8.2f us%n", name, (System.nanoTime() - t) / 1e3 / n);
    }

    @Test
    void ops() {
        try (NDManager m = NDManager.newBaseManager()) {
            int d = 256;
            NDArray x = m.randomNormal(new Shape(2, 1, d));
            NDArray w3 = m.randomNormal(new Shape(3 * d, d));
            NDArray w3t = w3.reshape(3, d, d).transpose(0, 2, 1);
            NDArray w3tc = w3.reshape(3, d, d).transpose(0, 2, 1).reshape(3 * d, d).reshape(3, d, d); // contiguous of transposed
            NDArray heads = m.randomNormal(new Shape(4096, d));
            NDArray w1 = m.randomNormal(new Shape(1024, d));
            NDArray cache = m.zeros(new Shape(2, 2, 4, 1500, 64));
            NDArray kv = m.randomNormal(new Shape(2, 2, 4, 1, 64));
            NDArray g = m.ones(new Shape(d));
            NDArray b = m.zeros(new Shape(d));
            time("empty submanager", m, s -> null);
            time("x.add(x) (tiny op)", m, s -> { x.get(s, new NDIndex()).add(x); return null; });
            time("layerNorm", m, s -> LayerNorm.layerNorm(x, new Shape(d), g, b, 1e-5f));
            time("linear [2,1,256]x[768,256]T", m, s -> Linear.linear(x, w3));
            time("reshape(1,2,d).matMul(w3t view)", m, s -> x.reshape(1, 2, d).matMul(w3t));
            time("reshape(1,2,d).matMul(w3 contiguous)", m, s -> x.reshape(1, 2, d).matMul(w3tc));
            time("linear heads [4096,256]", m, s -> Linear.linear(x, heads));
            time("linear ffn1 [1024,256]", m, s -> Linear.linear(x, w1));
            NDIndex write = new NDIndex().addAllDim(3).addSliceDim(500, 501);
            time("cache.set(write)", m, s -> { cache.set(write, kv); return null; });
            NDIndex keys = new NDIndex().addSliceDim(0, 1).addAllDim(2).addSliceDim(0, 500);
            time("cache.get(s, keys)", m, s -> cache.get(s, keys));
            NDArray q = m.randomNormal(new Shape(1, 2, 4, 1, 64));
            NDArray kview = cache.get(m, keys);
            NDArray kviewT = kview.transpose(0, 1, 2, 4, 3);
            time("q.matMul(kT) n=500", m, s -> q.matMul(kviewT));
            NDArray p = m.randomNormal(new Shape(1, 2, 4, 1, 500));
            time("p.matMul(v) n=500", m, s -> p.matMul(kview));
            time("softmax n=500", m, s -> p.softmax(-1));
            NDArray qT = q.transpose(0, 1, 2, 4, 3);
            time("kview.matMul(qT) n=500", m, s -> kview.matMul(qT));
            time("q.matMul(kT) incl transpose", m, s -> q.matMul(kview.transpose(0, 1, 2, 4, 3)));
            NDArray kc = m.randomNormal(new Shape(1, 2, 4, 500, 64));
            NDArray kcT = m.randomNormal(new Shape(1, 2, 4, 64, 500));
            time("q.matMul(contiguous kT) n=500", m, s -> q.matMul(kcT));
            time("q.matMul(contig k .T) n=500", m, s -> q.matMul(kc.transpose(0, 1, 2, 4, 3)));
            NDArray kq = m.randomNormal(new Shape(2, 4, 500, 64));
            NDArray q4 = m.randomNormal(new Shape(2, 4, 1, 64));
            time("4d q.matMul(k.T) n=500", m, s -> q4.matMul(kq.transpose(0, 1, 3, 2)));
            NDArray q3 = m.randomNormal(new Shape(8, 1, 64));
            NDArray k3 = m.randomNormal(new Shape(8, 500, 64));
            time("3d batchMatMul q k.T n=500", m, s -> q3.batchMatMul(k3.transpose(0, 2, 1)));
            NDArray k3T = m.randomNormal(new Shape(8, 64, 500));
            time("3d matMul q kT(contig) n=500", m, s -> q3.matMul(k3T));
            NDArray cacheT = m.zeros(new Shape(2, 2, 4, 64, 1500));
            NDArray kTview = cacheT.get(m, new NDIndex().addSliceDim(0, 1).addAllDim(3).addSliceDim(0, 500));
            time("q.matMul(kT slice of [..,hd,cap])", m, s -> q.matMul(kTview));
            NDArray kvc = m.randomNormal(new Shape(1, 2, 4, 500, 64));
            time("p.matMul(v contiguous)", m, s -> p.matMul(kvc));
        }
    }
}
