package studio.codebook.ui.controls;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A control drawn on one canvas that fills its content area: each layout resizes the canvas and
 * repaints it, and {@link #redraw} paints the background and then the subclass's {@link #paint}.
 */
public abstract class CanvasRegion extends Region {

    private final Canvas canvas = new Canvas();
    private final Color background;

    protected CanvasRegion(Color background) {
        this.background = background;
        getChildren().add(canvas);
    }

    /** The canvas, for pointer events, tooltips and the drawing size. */
    protected final Canvas canvas() {
        return canvas;
    }

    @Override
    protected void layoutChildren() {
        canvas.setLayoutX(snappedLeftInset());
        canvas.setLayoutY(snappedTopInset());
        canvas.setWidth(Math.max(0, getWidth() - snappedLeftInset() - snappedRightInset()));
        canvas.setHeight(Math.max(0, getHeight() - snappedTopInset() - snappedBottomInset()));
        redraw();
    }

    /** Paints the whole canvas again: the background, then {@link #paint}. */
    protected final void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.setFill(background);
        gc.fillRect(0, 0, w, h);
        paint(gc, w, h);
    }

    /** Draws the content on the canvas, {@code width × height}, already filled with the background. */
    protected abstract void paint(GraphicsContext gc, double width, double height);
}
