package studio.codebook.ui.finetune;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/** A line of the settings sheet, bound to a view-model property (or showing a read-only value). */
final class SettingItem<T> implements PropertySheet.Item {

    private final String category;
    private final String name;
    private final String description;
    private final Class<T> type;
    private final ObservableValue<T> value;
    private final Consumer<T> setter;

    private SettingItem(String category, String name, String description, Class<T> type, ObservableValue<T> value,
            Consumer<T> setter) {
        this.category = category;
        this.name = name;
        this.description = description;
        this.type = Objects.requireNonNull(type);
        this.value = Objects.requireNonNull(value);
        this.setter = setter;
    }

    static <T> SettingItem<T> editable(String category, String name, String description, Class<T> type,
            Property<T> property) {
        return new SettingItem<>(category, name, description, type, property, property::setValue);
    }

    static <T> SettingItem<T> readOnly(String category, String name, String description, Class<T> type,
            ObservableValue<T> value) {
        return new SettingItem<>(category, name, description, type, value, null);
    }

    @Override
    public Class<?> getType() {
        return type;
    }

    @Override
    public String getCategory() {
        return category;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Object getValue() {
        return value.getValue();
    }

    @Override
    public void setValue(Object newValue) {
        if (setter != null && (newValue == null || type.isInstance(newValue))) {
            setter.accept(type.cast(newValue));
        }
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
        return Optional.of(value);
    }

    @Override
    public boolean isEditable() {
        return setter != null;
    }
}
