/**
 * How a column-backed fact (`WriteFact`, `AppendedRecordFact`) is made: one subclass per columns
 * object, whose prototype holds the columns, so the row index is the fact's one own field (a
 * million facts in a long run, issue #16). Shared by both fact kinds so they cannot drift apart.
 */

/** A fact class whose instances are made from a row index. */
export type RowFactClass<F> = new (index: number) => F;

export class ColumnFactClasses<C extends object, F> {
  private readonly classes = new WeakMap<C, RowFactClass<F>>();

  /**
   * `subclass()` makes a fresh subclass of the fact's base class; `field` names the prototype
   * property the columns are read from.
   */
  constructor(
    private readonly subclass: () => RowFactClass<F>,
    private readonly field: string,
  ) {}

  /** The fact of row `index` of `columns`. */
  of(columns: C, index: number): F {
    let Fact = this.classes.get(columns);
    if (Fact === undefined) {
      Fact = this.subclass();
      Object.defineProperty(Fact.prototype, this.field, { value: columns });
      this.classes.set(columns, Fact);
    }
    return new Fact(index);
  }
}
