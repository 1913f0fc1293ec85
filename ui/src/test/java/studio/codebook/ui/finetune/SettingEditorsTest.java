package studio.codebook.ui.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javafx.util.StringConverter;
import org.junit.jupiter.api.Test;

/** The settings sheet's number fields: learning rates are shown plainly and read back in any usual form. */
class SettingEditorsTest {

    @Test
    void showsLearningRatesPlainly() {
        assertEquals("0.00009", SettingEditors.NumberEditor.format(3e-4 * FineTuneSettings.RATE_SCALE));
        assertEquals("0.0003", SettingEditors.NumberEditor.format(1e-3 * FineTuneSettings.RATE_SCALE));
        assertEquals("0.5", SettingEditors.NumberEditor.format(0.5));
        assertEquals("1", SettingEditors.NumberEditor.format(1.0));
        assertEquals("0", SettingEditors.NumberEditor.format(0.0));
    }

    @Test
    void readsScientificAndCommaDecimals() {
        StringConverter<Number> doubles = SettingEditors.NumberEditor.converter(false);
        assertEquals(9e-5, doubles.fromString("9e-5"));
        assertEquals(0.5, doubles.fromString(" 0,5 "));
        StringConverter<Number> integers = SettingEditors.NumberEditor.converter(true);
        assertEquals(Integer.valueOf(1000), integers.fromString("1000")); // an Integer, as the item's type
        assertThrows(NumberFormatException.class, () -> integers.fromString("1.5"));
    }
}
