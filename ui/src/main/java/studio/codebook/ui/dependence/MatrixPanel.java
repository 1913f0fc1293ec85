package studio.codebook.ui.dependence;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import studio.codebook.ui.controls.HeatmapView;

/** A titled heatmap with lines of figures under it: one of the Dependence view's A, B and B − A panels. */
final class MatrixPanel extends VBox {

    final Label title = new Label();
    final HeatmapView heatmap = new HeatmapView();
    final Label figures = new Label();
    final Label verdict = new Label();

    MatrixPanel(String id) {
        super(6);
        setId(id);
        getStyleClass().add("matrix-panel");
        setPadding(new Insets(4));
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 13px;");
        title.setMinWidth(0);
        title.setWrapText(true);
        heatmap.setPrefSize(300, 300);
        heatmap.setId(id + "Heatmap");
        figures.setWrapText(true);
        figures.getStyleClass().add("figures");
        verdict.setWrapText(true);
        verdict.getStyleClass().add("verdict");
        VBox.setVgrow(heatmap, Priority.ALWAYS);
        getChildren().addAll(title, heatmap, figures, verdict);
        setMinWidth(220);
    }

    /** Shows the verdict, in the warning colour when it warns. */
    void verdict(String text, boolean warns) {
        verdict.setText(text);
        verdict.setStyle(warns ? "-fx-text-fill: #ffd166;" : "-fx-text-fill: #9fd8a4;");
    }

    static String noteFor(DependenceFigures f, int k, int l) {
        if (f == null) {
            return null;
        }
        var m = f.matrix();
        return String.format(Locale.ROOT, "%,d frame pairs · plug-in %.4f · Miller–Madow %.4f · bias bound %.4f bits",
                m.pairs(k, l), m.plugInBits(k, l), m.millerMadowBits(k, l), m.biasBoundBits(k, l));
    }
}
