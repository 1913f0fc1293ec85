package studio.codebook.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import studio.codebook.engine.device.Scalars;

/**
 * The codec's reconstruction loss: l1Weight · L1(waveform) + melWeight · msspec + siSnrWeight · (−SI-SNR dB,
 * {@link SiSnrLoss}) + stftWeight · (mean |log|X| − log|Y|| of the linear-frequency STFTs, averaged over the
 * scales; see {@link ReconstructionConfig#withStftWeight}), with msspec as
 * audiocraft's {@code MultiScaleMelSpectrogramLoss} in the EnCodec configuration ({@code normalized:
 * true, alphas: false}): per scale, L1 between the mel spectrograms plus MSE between
 * log10(1e-5 + mel), summed over scales and divided by 2 × the number of scales.
 *
 * <p>Front end: {@link MelSpectrogram} (HTK mels, Hann window, hop n_fft/4). Defaults for our 16 kHz
 * codec ({@link ReconstructionConfig#defaults()}): n_fft 64, 128, 256, 512, 1024 samples (the reference's
 * sizes, here 4–64 ms), 64 mels from 64 Hz to 8 kHz.
 *
 * <p>The reconstruction and the target go through each scale together (concatenated on the batch axis),
 * so a scale costs one framing, one DFT product and one mel product; only the reconstruction receives
 * gradients. A gradient balancer, if any, is the trainer's business: this class returns the parts.
 */
public final class ReconstructionLoss {

    static final float FLOOR = 1e-5f;

    private final ReconstructionConfig config;
    private final MelSpectrogram front;

    public ReconstructionLoss(int sampleRate, ReconstructionConfig config) {
        this.config = config;
        this.front = MelSpectrogram.of(sampleRate, config);
    }

    public ReconstructionConfig config() {
        return config;
    }

    public MelSpectrogram melSpectrogram() {
        return front;
    }

    /**
     * @param reconstruction [B, 1, L] (or [B, C, L]), attached to the codec's graph
     * @param target the same shape
     * @return (total, l1, mel, sisnr) scalars on the reconstruction's manager: sisnr is the SI-SNR loss (−dB,
     *     always computed so it can be reported), total = l1Weight·l1 + melWeight·mel + siSnrWeight·sisnr
     */
    public NDList compute(NDArray reconstruction, NDArray target) {
        if (!reconstruction.getShape().equals(target.getShape()) || reconstruction.getShape().dimension() != 3) {
            throw new IllegalArgumentException("reconstruction and target must both be [B, C, L] and equal, got "
                    + reconstruction.getShape() + " and " + target.getShape());
        }
        NDManager manager = reconstruction.getManager();
        NDArray total;
        NDArray l1;
        NDArray mel;
        NDArray sisnr;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray t = target.stopGradient();
            l1 = reconstruction.sub(t).abs().mean();
            long rows = reconstruction.getShape().get(0) * reconstruction.getShape().get(1);
            NDArray both = reconstruction.concat(t, 0);
            NDArray sum = null;
            NDArray stft = null;
            for (int s = 0; s < front.scales(); s++) {
                NDArray power = front.power(both, s); // [2R, F, bins]
                if (config.stftWeight() > 0) {
                    // |log|X| − log|Y|| = ½ |log X² − log Y²|
                    NDArray px = power.get(new NDIndex("0:{}", rows));
                    NDArray py = power.get(new NDIndex("{}:", rows));
                    NDArray d = px.add(FLOOR).log().sub(py.add(FLOOR).log()).abs().mean();
                    stft = stft == null ? d : stft.add(d);
                }
                NDArray spec = front.melOf(power, s); // [2R, mels, F]
                NDArray x = spec.get(new NDIndex("0:{}", rows));
                NDArray y = spec.get(new NDIndex("{}:", rows));
                NDArray linear = x.sub(y).abs().mean();
                NDArray log = x.add(FLOOR).log10().sub(y.add(FLOOR).log10()).square().mean();
                NDArray term = linear.add(log);
                sum = sum == null ? term : sum.add(term);
            }
            mel = sum.div(Scalars.of(sum, 2.0 * front.scales()));
            sisnr = SiSnrLoss.compute(reconstruction, t);
            total = l1.mul(Scalars.of(l1, config.l1Weight())).add(mel.mul(Scalars.of(mel, config.melWeight())));
            if (config.siSnrWeight() > 0) {
                total = total.add(sisnr.mul(Scalars.of(sisnr, config.siSnrWeight())));
            }
            if (stft != null) {
                total = total.add(stft.mul(Scalars.of(stft, 0.5 * config.stftWeight() / front.scales())));
            }
            NDScope.unregister(total, l1, mel, sisnr);
        }
        for (NDArray a : new NDArray[] {total, l1, mel, sisnr}) {
            a.attach(manager);
            NDScope.register(a);
        }
        return new NDList(total, l1, mel, sisnr);
    }
}
