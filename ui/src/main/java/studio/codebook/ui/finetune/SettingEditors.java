package studio.codebook.ui.finetune;

import java.util.Arrays;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.util.Callback;
import javafx.util.StringConverter;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.AbstractPropertyEditor;
import org.controlsfx.property.editor.Editors;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * Editors of the settings sheet. Numbers get a text field that accepts what people type for learning
 * rates ("9e-5", "0.00009") and commits on Enter or when the field loses focus; text it cannot read is
 * put back to the last value. Enums get a choice box, read-only values a non-editable field.
 */
final class SettingEditors implements Callback<PropertySheet.Item, PropertyEditor<?>> {

    @Override
    public PropertyEditor<?> call(PropertySheet.Item item) {
        Class<?> type = item.getType();
        if (!item.isEditable()) {
            TextField field = new TextField();
            field.setEditable(false);
            field.setFocusTraversable(false);
            return new AbstractPropertyEditor<String, TextField>(item, field, true) {
                @Override
                protected ObservableValue<String> getObservableValue() {
                    return field.textProperty();
                }

                @Override
                public void setValue(String value) {
                    field.setText(value == null ? "" : String.valueOf(value));
                }
            };
        }
        if (type == Integer.class || type == Double.class) {
            return new NumberEditor(item, type == Integer.class);
        }
        if (type.isEnum()) {
            return Editors.createChoiceEditor(item, Arrays.asList(type.getEnumConstants()));
        }
        return Editors.createTextEditor(item);
    }

    /** A number field; the item receives an Integer or a Double as its type says. */
    static final class NumberEditor extends AbstractPropertyEditor<Number, TextField> {

        NumberEditor(PropertySheet.Item item, boolean integer) {
            super(item, field(integer));
        }

        /** The formatter is set on the field before the superclass, which asks for the observable value, runs. */
        private static TextField field(boolean integer) {
            TextField field = new TextField();
            field.setTextFormatter(new TextFormatter<>(converter(integer)));
            return field;
        }

        @SuppressWarnings("unchecked")
        private TextFormatter<Number> formatter() {
            return (TextFormatter<Number>) getEditor().getTextFormatter();
        }

        static StringConverter<Number> converter(boolean integer) {
            return new StringConverter<>() {
                @Override
                public String toString(Number n) {
                    if (n == null) {
                        return "";
                    }
                    return integer ? Integer.toString(n.intValue()) : format(n.doubleValue());
                }

                @Override
                public Number fromString(String s) {
                    String t = s == null ? "" : s.strip().replace(',', '.');
                    // not a conditional expression: it would widen the Integer to a double
                    if (integer) {
                        return Integer.valueOf(t); // a NumberFormatException puts the last value back
                    }
                    return Double.valueOf(t);
                }
            };
        }

        /** Plain decimals, 6 significant digits, without trailing zeros: 0.0003, 0.00009, 0.5, 1. */
        static String format(double v) {
            if (!Double.isFinite(v)) {
                return Double.toString(v);
            }
            return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros()
                    .toPlainString();
        }

        @Override
        protected ObservableValue<Number> getObservableValue() {
            return formatter().valueProperty();
        }

        @Override
        public void setValue(Number value) {
            formatter().setValue(value);
        }
    }
}
