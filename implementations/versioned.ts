/** An aggregate as loaded, with the version it was saved at (0: never saved). */
export interface Versioned<T> {
  readonly value: T;
  readonly version: number;
}
