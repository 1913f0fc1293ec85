package studio.codebook.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of ARCHITECTURE.md as ArchUnit rules: modules depend downwards only
 * (app → ui → training → engine), the engine and training know nothing of JavaFX, and the UI keeps DJL at
 * arm's length. {@link ArchitectureTest} checks them against the real classes;
 * {@link ArchitectureRulesCatchViolationsTest} shows that each one fails on a class that breaks it.
 */
final class ArchitectureRules {

    static final String ENGINE = "studio.codebook.engine..";
    static final String TRAINING = "studio.codebook.training..";
    static final String UI = "studio.codebook.ui..";
    static final String APP = "studio.codebook.app..";

    private ArchitectureRules() {
    }

    static final ArchRule ENGINE_DEPENDS_ON_NO_OTHER_MODULE = noClasses().that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage(TRAINING, UI, APP)
            .because("the engine is the bottom layer (ARCHITECTURE.md: never engine → training/ui/app)");

    static final ArchRule TRAINING_DEPENDS_ON_NEITHER_UI_NOR_APP = noClasses().that().resideInAPackage(TRAINING)
            .should().dependOnClassesThat().resideInAnyPackage(UI, APP)
            .because("training runs without a window (ARCHITECTURE.md: never training → ui/app)");

    static final ArchRule UI_DEPENDS_NOT_ON_APP = noClasses().that().resideInAPackage(UI)
            .should().dependOnClassesThat().resideInAPackage(APP)
            .because("app wires the ui, not the other way round (ARCHITECTURE.md: never ui → app)");

    static final ArchRule ENGINE_AND_TRAINING_KNOW_NO_JAVAFX = noClasses().that()
            .resideInAnyPackage(ENGINE, TRAINING)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
            .because("the engine and training run headless, from the command line and in tests");

    /** The spec's wording: no UI class holds or handles an NDArray (or its manager, list or shape). */
    static final ArchRule UI_TOUCHES_NO_NDARRAY = noClasses().that().resideInAPackage(UI)
            .should().dependOnClassesThat().resideInAPackage("ai.djl.ndarray..")
            .because("a view receives plain Java data (float[], int[][], double[][]); view models call engine "
                    + "APIs that return such data");

    /**
     * Stricter, as strict as the code allows: the one DJL type a UI class may name at all is {@code Device}
     * (the fine-tune job chooses where to train); anything else of DJL stays in the engine and training.
     */
    static final ArchRule UI_NAMES_NO_DJL_TYPE_BUT_DEVICE = noClasses().that().resideInAPackage(UI)
            .should().dependOnClassesThat(djlOtherThanDevice())
            .because("the UI reaches DJL only through engine and training APIs");

    /**
     * Views — classes named {@code *View}, the custom controls and the window shell, and any class that
     * builds scene-graph nodes — touch no DJL type at all, not even {@code Device}: they only bind to view
     * models.
     */
    static final ArchRule VIEWS_TOUCH_NO_DJL = noClasses().that(views())
            .should().dependOnClassesThat().resideInAPackage("ai.djl..")
            .because("a view never touches the engine's tensors (ARCHITECTURE.md, STYLE.md: MVVM)");

    private static DescribedPredicate<JavaClass> djlOtherThanDevice() {
        return DescribedPredicate.describe("are DJL types other than ai.djl.Device",
                c -> c.getPackageName().startsWith("ai.djl") && !c.getName().equals("ai.djl.Device"));
    }

    /** Scene-graph code of the UI. */
    static DescribedPredicate<JavaClass> views() {
        return DescribedPredicate.describe("are views (in studio.codebook.ui: named *View, in ui.controls or "
                + "ui.shell, or using javafx.scene)", c -> c.getPackageName().startsWith("studio.codebook.ui")
                && (c.getSimpleName().endsWith("View")
                        || c.getPackageName().startsWith("studio.codebook.ui.controls")
                        || c.getPackageName().startsWith("studio.codebook.ui.shell")
                        || usesSceneGraph(c)));
    }

    private static boolean usesSceneGraph(JavaClass c) {
        for (Dependency d : c.getDirectDependenciesFromSelf()) {
            if (d.getTargetClass().getPackageName().startsWith("javafx.scene")) {
                return true;
            }
        }
        return false;
    }
}
