package studio.codebook.app.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link ArchitectureRules} against the production classes of all four modules, which the app module
 * sees on its test class path (test classes are left out: they hold the deliberate violations).
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ArchitectureTest::ourModule)
                .importPackages("studio.codebook");
        for (String module : List.of("engine", "training", "ui", "app")) {
            String prefix = "studio.codebook." + module + ".";
            long n = classes.stream().filter(c -> c.getName().startsWith(prefix)).count();
            assertTrue(n > 20, "only " + n + " classes of the " + module + " module were found on the class path");
        }
    }

    /** Our modules' classes, as class folders (a reactor build) or jars; no third-party jar is opened. */
    private static boolean ourModule(com.tngtech.archunit.core.importer.Location location) {
        return location.contains("/target/classes") || location.contains("codebook-studio-");
    }

    @Test
    void engineDependsOnNoOtherModule() {
        ArchitectureRules.ENGINE_DEPENDS_ON_NO_OTHER_MODULE.check(classes);
    }

    @Test
    void trainingDependsOnNeitherUiNorApp() {
        ArchitectureRules.TRAINING_DEPENDS_ON_NEITHER_UI_NOR_APP.check(classes);
    }

    @Test
    void uiDependsNotOnApp() {
        ArchitectureRules.UI_DEPENDS_NOT_ON_APP.check(classes);
    }

    @Test
    void engineAndTrainingKnowNoJavaFx() {
        ArchitectureRules.ENGINE_AND_TRAINING_KNOW_NO_JAVAFX.check(classes);
    }

    @Test
    void uiTouchesNoNdArray() {
        ArchitectureRules.UI_TOUCHES_NO_NDARRAY.check(classes);
    }

    @Test
    void uiNamesNoDjlTypeButDevice() {
        ArchitectureRules.UI_NAMES_NO_DJL_TYPE_BUT_DEVICE.check(classes);
    }

    @Test
    void viewsTouchNoDjl() {
        ArchitectureRules.VIEWS_TOUCH_NO_DJL.check(classes);
    }
}
