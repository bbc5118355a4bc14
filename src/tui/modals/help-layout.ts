import { KEYMAP, type CommandId, type Scope } from '../keymap.js';

const SCOPE_TITLES: [Scope, string][] = [
  ['global', 'Everywhere'],
  ['list', 'Lists'],
  ['jobs', 'Jobs'],
  ['job', 'A job (selected row or its detail)'],
  ['detail', 'Job detail'],
  ['queue', 'Queue'],
  ['triggers', 'Triggers'],
  ['approvals', 'Approvals'],
  ['pipeline', 'Pipeline'],
  ['split', 'Split'],
];

export interface HelpEntry {
  command: CommandId;
  keys: string;
  text: string;
}

export interface HelpSection {
  title: string;
  entries: HelpEntry[];
}

/** One line of the overlay: a section title, or (part of) a key's description. */
export interface HelpLine {
  text: string;
  title?: boolean;
  command?: CommandId;
}

export interface HelpLayout {
  /** Each column's width and lines, left to right. */
  columns: { width: number; lines: HelpLine[] }[];
  /** Rows of the tallest column. */
  height: number;
}

export const HELP_SECTIONS: HelpSection[] = SCOPE_TITLES.map(([scope, title]) => ({
  title,
  entries: KEYMAP.filter((b) => b.scope === scope).map((b) => ({
    command: b.command,
    keys: b.keys.join(', '),
    text: b.description,
  })),
}));

/** Columns are this far apart; none is narrower than MIN_WIDTH unless there is only one. */
const GAP = 2;
const MIN_WIDTH = 36;
const INDENT = 2;

/** `text` in lines of at most `width` characters, broken at spaces (a long word is cut). */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!line) line = word;
    else if (line.length + 1 + word.length <= w) line += ` ${word}`;
    else {
      out.push(line);
      line = word;
    }
    while (line.length > w) {
      out.push(line.slice(0, w));
      line = line.slice(w);
    }
  }
  return [...out, line];
}

const keyWidth = (sections: readonly HelpSection[]): number =>
  Math.max(0, ...sections.flatMap((s) => s.entries.map((e) => e.keys.length)));

/**
 * A section's lines in a column `width` wide: its title, then each key with its words wrapped.
 * Its keys line up within the section (a long key elsewhere does not narrow its words).
 */
function sectionLines(s: HelpSection, width: number, keyW = keyWidth([s])): HelpLine[] {
  const descW = Math.max(8, width - INDENT - keyW - 1);
  const pad = ' '.repeat(INDENT);
  return [
    { text: s.title.slice(0, width), title: true },
    ...s.entries.flatMap((e) =>
      wrap(e.text, descW).map((part, i) => ({
        text: `${pad}${(i === 0 ? e.keys : '').padEnd(keyW)} ${part}`,
        command: e.command,
      })),
    ),
  ];
}

/** The natural width of a column: its widest line with nothing wrapped. */
const naturalWidth = (sections: readonly HelpSection[]): number =>
  Math.max(
    ...sections.map((s) => s.title.length),
    ...sections.flatMap((s) => {
      const keyW = keyWidth([s]);
      return s.entries.map((e) => INDENT + keyW + 1 + e.text.length);
    }),
  );

/**
 * Sections in order, in the fewest columns whose tallest is at most `maxHeight` rows, across
 * `width` characters. Narrow columns get what they need, the rest of the width goes to the
 * columns with long descriptions, and a description that still does not fit wraps under
 * itself: nothing is cut off. A terminal too small for every key gets the shortest layout.
 */
export function helpLayout(
  maxHeight: number,
  width: number,
  sections: readonly HelpSection[] = HELP_SECTIONS,
): HelpLayout {
  let best: HelpLayout | undefined;
  for (let n = 1; n <= sections.length; n++) {
    const share = Math.floor((width - GAP * (n - 1)) / n);
    if (n > 1 && share < MIN_WIDTH) break;
    const layout =
      n <= SEARCHED_COLUMNS
        ? searchedLayout(sections, n, width - GAP * (n - 1), maxHeight)
        : sharedLayout(sections, n, width - GAP * (n - 1), share);
    if (layout.height <= maxHeight) return layout;
    if (!best || layout.height < best.height) best = layout;
  }
  return best ?? { columns: [], height: 0 };
}

const build = (
  groups: readonly (readonly HelpSection[])[],
  widths: readonly number[],
): HelpLayout => {
  const columns = groups.map((g, i) => {
    const w = widths[i] ?? MIN_WIDTH;
    return { width: w, lines: g.flatMap((s) => sectionLines(s, w)) };
  });
  return { columns, height: Math.max(0, ...columns.map((c) => c.lines.length)) };
};

/** Many columns: sections split by height at equal shares, widths by fitWidths. */
function sharedLayout(
  sections: readonly HelpSection[],
  n: number,
  total: number,
  share: number,
): HelpLayout {
  const groups = partition(sections, n, share);
  return build(
    groups,
    fitWidths(
      groups.map((g) => naturalWidth(g)),
      total,
    ),
  );
}

/** Up to this many columns, every split of the sections and of the width is weighed. */
const SEARCHED_COLUMNS = 3;

/**
 * Few columns: of every contiguous split of the sections and every split of the width, the one
 * that fits `maxHeight` and breaks the fewest descriptions (then: the fewest lines), so a
 * column of long descriptions gets the width they need and short ones give it up.
 */
function searchedLayout(
  sections: readonly HelpSection[],
  n: number,
  total: number,
  maxHeight: number,
): HelpLayout {
  const min = n === 1 ? total : MIN_WIDTH;
  // A run of sections' lines and broken descriptions at a width, measured once: the search
  // looks them up a few hundred thousand times.
  const count = sections.length;
  const stride = total + 1;
  const lines = new Int32Array(count * count * stride).fill(-1);
  const broken = new Int32Array(count * count * stride);
  const own = new Int32Array(count * stride).fill(-1);
  const ownBroken = new Int32Array(count * stride);
  const one = (i: number, w: number): number => {
    const j = i * stride + w;
    if (own[j] === -1) {
      const s = sections[i] as HelpSection;
      own[j] = sectionLines(s, w).length;
      ownBroken[j] = (own[j] as number) - 1 - s.entries.length;
    }
    return j;
  };
  const at = (from: number, to: number, w: number): number => {
    const k = (from * count + (to - 1)) * stride + w;
    if (lines[k] === -1) {
      let l = 0;
      let b = 0;
      for (let i = from; i < to; i++) {
        const j = one(i, w);
        l += own[j] as number;
        b += ownBroken[j] as number;
      }
      lines[k] = l;
      broken[k] = b;
    }
    return k;
  };
  let best: { score: number[]; cuts: number[]; widths: number[] } | undefined;
  for (const cuts of contiguousCuts(count, n)) {
    const ends = [...cuts.slice(1), count];
    const keys = new Array<number>(n);
    const search = (c: number, left: number): void => {
      const from = cuts[c] as number;
      const to = ends[c] as number;
      const last = c === n - 1;
      for (let w = last ? left : min; w <= (last ? left : left - min * (n - 1 - c)); w++) {
        keys[c] = at(from, to, w);
        widths[c] = w;
        if (!last) {
          search(c + 1, left - w);
          continue;
        }
        let height = 0;
        let all = 0;
        let torn = 0;
        for (const k of keys) {
          height = Math.max(height, lines[k] as number);
          all += lines[k] as number;
          torn += broken[k] as number;
        }
        const score = [height > maxHeight ? 1 : 0, torn, all, height];
        if (!best || lessThan(score, best.score)) best = { score, cuts, widths: [...widths] };
      }
    };
    const widths = new Array<number>(n);
    if (total >= min * n) search(0, total);
  }
  if (!best) return { columns: [], height: 0 };
  const { cuts, widths } = best;
  return build(
    cuts.map((from, c) => sections.slice(from, cuts[c + 1] ?? count)),
    widths,
  );
}

const lessThan = (a: readonly number[], b: readonly number[]): boolean => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number);
  return false;
};

/**
 * Every way to cut `count` sections into `n` non-empty runs (each run's first index), the
 * fullest first columns first: among equals, the earlier columns take more.
 */
function* contiguousCuts(count: number, n: number, from = 0): Generator<number[]> {
  if (n === 1) {
    if (from < count) yield [from];
    return;
  }
  for (let next = count - n + 1; next > from; next--)
    for (const rest of contiguousCuts(count, n - 1, next)) yield [from, ...rest];
}

/** Contiguous groups of sections, at most `n`, whose tallest (at width `w`) is as short as it can be. */
function partition(sections: readonly HelpSection[], n: number, w: number): HelpSection[][] {
  const tall = sections.map((s) => sectionLines(s, w).length);
  const total = tall.reduce((a, b) => a + b, 0);
  for (let cap = Math.max(...tall, Math.ceil(total / n)); ; cap++) {
    const groups: HelpSection[][] = [[]];
    let used = 0;
    sections.forEach((s, i) => {
      const h = tall[i] ?? 0;
      const group = groups[groups.length - 1] as HelpSection[];
      if (used + h > cap && group.length > 0) {
        groups.push([s]);
        used = h;
      } else {
        group.push(s);
        used += h;
      }
    });
    if (groups.length <= n) return groups;
  }
}

/**
 * Widths for columns that would like `wanted`, sharing `total`: all of them when they fit
 * (the spare goes to the last), else the narrow ones get theirs and the wide ones split the rest.
 */
export function fitWidths(wanted: readonly number[], total: number): number[] {
  const sum = wanted.reduce((a, b) => a + b, 0);
  if (sum <= total) {
    return wanted.map((w, i) => (i === wanted.length - 1 ? w + total - sum : w));
  }
  const widths = [...wanted];
  let open = wanted.map((_, i) => i);
  let left = total;
  for (;;) {
    const share = Math.floor(left / open.length);
    const small = open.filter((i) => (wanted[i] ?? 0) <= share);
    if (small.length === 0) {
      open.forEach((i, k) => (widths[i] = share + (k < left - share * open.length ? 1 : 0)));
      return widths;
    }
    for (const i of small) left -= wanted[i] ?? 0;
    open = open.filter((i) => !small.includes(i));
    if (open.length === 0) return widths;
  }
}
