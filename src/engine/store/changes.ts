import type { EngineEventMap, EngineEventName, EngineEvents } from '../events/emitter.js';

/**
 * How repositories announce their writes. Outside a unit of work an announcement goes out at
 * once; inside one it waits for the commit, so no listener hears of a write that is rolled
 * back, or reads the store before the rest of the unit landed. A unit run by `run` tells its
 * announcements as it commits (and drops them if it throws); a write inside someone else's
 * transaction is told when the current piece of work yields.
 */
export class ChangeFeed {
  private pending: (() => void)[] = [];
  private depth = 0;
  private scheduled = false;

  constructor(
    private readonly events: EngineEvents,
    private readonly inTransaction: () => boolean,
  ) {}

  emit<K extends EngineEventName>(name: K, data: EngineEventMap[K]): void {
    this.after(() => this.events.emit(name, data));
  }

  /** Call `tell` once what was just written is committed (at once outside a unit of work). */
  after(tell: () => void): void {
    if (this.depth === 0 && !this.inTransaction()) return tell();
    this.pending.push(tell);
    if (this.depth === 0) this.later();
  }

  /** Run a unit of work (`fn` commits it); its announcements follow the outermost commit. */
  run<T>(fn: () => T): T {
    this.depth++;
    const before = this.pending.length;
    let result: T;
    try {
      result = fn();
    } catch (e) {
      // Rolled back (the whole unit, or a nested one's savepoint): its writes were never made.
      this.pending.length = before;
      this.depth--;
      throw e;
    }
    // Committed, unless it ran inside a transaction someone opened straight on the connection:
    // that one's writes are told when the current piece of work yields, as emit's are.
    if (--this.depth === 0) {
      if (this.inTransaction()) this.later();
      else this.flush();
    }
    return result;
  }

  private later(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.depth === 0) this.flush();
    });
  }

  private flush(): void {
    const told = this.pending;
    this.pending = [];
    for (const tell of told) tell();
  }
}
