package studio.codebook.ui.archfixture;

import ai.djl.ndarray.NDArray;

/** A deliberate violation for ArchitectureRulesCatchViolationsTest: a view model that holds an NDArray. */
public class ViewModelHoldingNdArray {
    NDArray codes;

    float[] samples() {
        return codes.toFloatArray();
    }
}
