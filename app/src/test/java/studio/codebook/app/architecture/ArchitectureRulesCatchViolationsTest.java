package studio.codebook.app.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import studio.codebook.engine.archfixture.EngineUsingUiAndJavaFx;
import studio.codebook.training.archfixture.TrainingUsingApp;
import studio.codebook.ui.archfixture.JobOnDevice;
import studio.codebook.ui.archfixture.PanelDrawingOnDevice;
import studio.codebook.ui.archfixture.UiUsingApp;
import studio.codebook.ui.archfixture.ViewModelHoldingNdArray;
import studio.codebook.ui.archfixture.ViewModelUsingDjlModel;
import studio.codebook.ui.archfixture.WaveformOnDeviceView;

/**
 * Each rule of {@link ArchitectureRules} fails on a class of the test sources that breaks it (the
 * {@code *.archfixture} packages, which {@link ArchitectureTest} does not import) and passes a class that
 * keeps it: the architecture test can fail.
 */
class ArchitectureRulesCatchViolationsTest {

    @Test
    void anEngineClassUsingTheUiFails() {
        assertViolation(ArchitectureRules.ENGINE_DEPENDS_ON_NO_OTHER_MODULE, EngineUsingUiAndJavaFx.class, "StudioSettings");
    }

    @Test
    void aTrainingClassUsingTheAppFails() {
        assertViolation(ArchitectureRules.TRAINING_DEPENDS_ON_NEITHER_UI_NOR_APP, TrainingUsingApp.class, "app.Main");
    }

    @Test
    void aUiClassUsingTheAppFails() {
        assertViolation(ArchitectureRules.UI_DEPENDS_NOT_ON_APP, UiUsingApp.class, "app.Main");
    }

    @Test
    void anEngineClassUsingJavaFxFails() {
        assertViolation(ArchitectureRules.ENGINE_AND_TRAINING_KNOW_NO_JAVAFX, EngineUsingUiAndJavaFx.class,
                "javafx.scene.paint.Color");
    }

    @Test
    void aViewModelHoldingAnNdArrayFails() {
        assertViolation(ArchitectureRules.UI_TOUCHES_NO_NDARRAY, ViewModelHoldingNdArray.class, "NDArray");
        assertViolation(ArchitectureRules.UI_NAMES_NO_DJL_TYPE_BUT_DEVICE, ViewModelHoldingNdArray.class, "NDArray");
    }

    @Test
    void aUiClassNamingADjlModelFails() {
        assertViolation(ArchitectureRules.UI_NAMES_NO_DJL_TYPE_BUT_DEVICE, ViewModelUsingDjlModel.class, "ai.djl.Model");
        assertNoViolation(ArchitectureRules.UI_TOUCHES_NO_NDARRAY, ViewModelUsingDjlModel.class);
    }

    @Test
    void aViewNamingDeviceFailsWhereAJobMay() {
        assertViolation(ArchitectureRules.VIEWS_TOUCH_NO_DJL, WaveformOnDeviceView.class, "ai.djl.Device");
        assertViolation(ArchitectureRules.VIEWS_TOUCH_NO_DJL, PanelDrawingOnDevice.class, "ai.djl.Device");
        assertNoViolation(ArchitectureRules.UI_NAMES_NO_DJL_TYPE_BUT_DEVICE, JobOnDevice.class);
        assertNoViolation(ArchitectureRules.UI_TOUCHES_NO_NDARRAY, JobOnDevice.class);
        // JobOnDevice is no view, so the view rule selects nothing from it: allowEmptyShould for this check only
        assertNoViolation(ArchitectureRules.VIEWS_TOUCH_NO_DJL.allowEmptyShould(true), JobOnDevice.class);
    }

    private static void assertViolation(ArchRule rule, Class<?> offender, String mentioned) {
        EvaluationResult result = rule.evaluate(importClasses(offender));
        assertTrue(result.hasViolation(), rule.getDescription() + " passed " + offender.getName());
        String report = result.getFailureReport().toString();
        assertTrue(report.contains(offender.getName()) && report.contains(mentioned), report);
    }

    private static void assertNoViolation(ArchRule rule, Class<?>... classes) {
        EvaluationResult result = rule.evaluate(importClasses(classes));
        assertFalse(result.hasViolation(), result.getFailureReport().toString());
    }

    private static JavaClasses importClasses(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }
}
