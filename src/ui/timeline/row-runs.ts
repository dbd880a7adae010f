/**
 * Horizontal spans of one height, drawn as few rectangles as give the same pixels: a span that
 * overlaps or touches the one before it on the same row joins it. In the overview ten thousand
 * lanes share a couple of hundred pixel rows, in deadline order, so most spans join their
 * neighbour and the canvas fills hundreds of rectangles instead of ten thousand.
 */
export class RowRuns {
  private y = Number.NaN;
  private x0 = 0;
  private x1 = 0;

  constructor(private readonly draw: (x: number, y: number, width: number) => void) {}

  /** The span x0…x1 (x1 ≥ x0) on the row at y. */
  add(y: number, x0: number, x1: number): void {
    if (y === this.y && x0 <= this.x1 && x1 >= this.x0) {
      if (x0 < this.x0) this.x0 = x0;
      if (x1 > this.x1) this.x1 = x1;
      return;
    }
    this.flush();
    this.y = y;
    this.x0 = x0;
    this.x1 = x1;
  }

  /** Draws the span being built; call once after the last `add`. */
  flush(): void {
    if (!Number.isNaN(this.y)) this.draw(this.x0, this.y, this.x1 - this.x0);
    this.y = Number.NaN;
  }
}
