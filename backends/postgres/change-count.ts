/**
 * A count of the events that may have changed something the harness would otherwise ask the server
 * about again, and whether one is under way: a statement that may count is in flight from the moment
 * it is sent until it is answered, and while any is, the count is unknown.
 */
export class ChangeCount {
  private count = 0;
  private inFlight = 0;
  /** A streaming query (pg-cursor, pg-query-stream) was sent: its end is not observed, so nothing is known. */
  private streamed = false;

  /** The number of changes so far, or undefined while one may be under way or after a streaming query. */
  version(): number | undefined {
    return this.inFlight > 0 || this.streamed ? undefined : this.count;
  }

  /** Something that may change it was sent; call the returned function once it is answered, with whether it counted. */
  begin(): (counted?: boolean) => void {
    this.inFlight++;
    let ended = false;
    return (counted = true) => {
      if (ended) return;
      ended = true;
      this.inFlight--;
      if (counted) this.count++;
    };
  }

  /** Something changed it, or may have, at once. */
  happened(): void {
    this.count++;
  }

  streamingQuerySent(): void {
    this.streamed = true;
  }
}
