/**
 * Categorical event properties (README.md, "Features"): the string and yes/no values an event
 * carries, e.g. a productView's `product.category = "shoes"` or a supportTicket's `topic =
 * "refund"`. Each (event type, property path, value) is interned once as a number, so that a
 * profile keeps an integer per value it saw instead of strings.
 *
 * Which values become features is decided from the data once every profile has been read
 * ({@link ValueVocabulary.frequentValues}): values with enough support, from properties of bounded
 * cardinality. A property with more distinct values than {@link MAX_DISTINCT_PER_PROPERTY} (an order
 * id, a SKU, free text) stops being interned at that point and is never a feature.
 */

const MAX_DEPTH = 3;
const MAX_VALUE_LENGTH = 64;
/** Beyond this many distinct values a property is an identifier, not a category. */
export const MAX_DISTINCT_PER_PROPERTY = 200;

export interface EventValue {
  type: string;
  /** Dotted path inside `properties`; array elements share their array's path. */
  path: string;
  value: string;
}

/** Calls `visit(path, value)` for each categorical leaf of an event's properties. */
export function forEachCategoricalValue(
  properties: unknown,
  visit: (path: string, value: string) => void,
  prefix = "",
  depth = 0,
): void {
  if (properties === null || typeof properties !== "object" || depth >= MAX_DEPTH) return;
  for (const [key, v] of Object.entries(properties as Record<string, unknown>)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    for (const item of Array.isArray(v) ? v : [v]) {
      if (typeof item === "string") {
        if (item.length > 0 && item.length <= MAX_VALUE_LENGTH) visit(path, item);
      } else if (typeof item === "boolean") {
        visit(path, String(item));
      } else if (item !== null && typeof item === "object" && !Array.isArray(item)) {
        forEachCategoricalValue(item, visit, path, depth + 1);
      }
    }
  }
}

interface PropertyStats {
  /** Events of the type that carry the property. */
  events: number;
  distinct: number;
  overflow: boolean;
}

/** Interns event values while profiles are read, and counts their support. */
export class ValueVocabulary {
  private readonly ids = new Map<string, number>();
  readonly values: EventValue[] = [];
  private readonly counts: number[] = [];
  private readonly properties = new Map<string, PropertyStats>();

  /** The ids of an event's categorical values (each once per event), interning new ones. */
  idsOf(type: string, properties: unknown): number[] {
    const out: number[] = [];
    const seenPaths = new Set<string>();
    forEachCategoricalValue(properties, (path, value) => {
      const propertyKey = `${type}\u0000${path}`;
      let stats = this.properties.get(propertyKey);
      if (stats === undefined) {
        stats = { events: 0, distinct: 0, overflow: false };
        this.properties.set(propertyKey, stats);
      }
      if (!seenPaths.has(path)) {
        seenPaths.add(path);
        stats.events++;
      }
      if (stats.overflow) return;
      const key = `${propertyKey}\u0000${value}`;
      let id = this.ids.get(key);
      if (id === undefined) {
        if (stats.distinct >= MAX_DISTINCT_PER_PROPERTY) {
          stats.overflow = true;
          return;
        }
        stats.distinct++;
        id = this.values.length;
        this.ids.set(key, id);
        this.values.push({ type, path, value });
        this.counts.push(0);
      }
      if (!out.includes(id)) {
        out.push(id);
        this.counts[id]!++;
      }
    });
    return out;
  }

  /**
   * The values worth a feature, most frequent first: from properties that are categories (not
   * identifiers, more than one value), each seen in at least `minSupport` events and in at least 1%
   * of its property's events; at most `perProperty` per property and `total` in all.
   */
  frequentValues(options: { minSupport: number; perProperty: number; total: number }): EventValue[] {
    const byProperty = new Map<string, number[]>();
    this.values.forEach((v, id) => {
      const key = `${v.type}\u0000${v.path}`;
      const stats = this.properties.get(key)!;
      if (stats.overflow || stats.distinct < 2) return;
      const count = this.counts[id]!;
      if (count < options.minSupport || count < 0.01 * stats.events) return;
      const list = byProperty.get(key) ?? [];
      list.push(id);
      byProperty.set(key, list);
    });
    const kept: number[] = [];
    for (const ids of byProperty.values()) {
      kept.push(...ids.sort((a, b) => this.counts[b]! - this.counts[a]!).slice(0, options.perProperty));
    }
    return kept
      .sort((a, b) => this.counts[b]! - this.counts[a]! || a - b)
      .slice(0, options.total)
      .map((id) => this.values[id]!);
  }

  /** For each interned id, its index in `kept` (or -1): how features find a value's column. */
  slotsFor(kept: readonly EventValue[]): Int32Array {
    const slots = new Int32Array(this.values.length).fill(-1);
    kept.forEach((v, slot) => {
      const id = this.ids.get(`${v.type}\u0000${v.path}\u0000${v.value}`);
      if (id !== undefined) slots[id] = slot;
    });
    return slots;
  }
}

/**
 * A fixed vocabulary of the values a model counts (scoring): an event's ids are directly the
 * values' slots, and nothing new is interned.
 */
export class FixedValues {
  private readonly slots = new Map<string, number>();

  constructor(values: readonly EventValue[]) {
    values.forEach((v, slot) => {
      this.slots.set(`${v.type}\u0000${v.path}\u0000${v.value}`, slot);
    });
  }

  idsOf(type: string, properties: unknown): number[] {
    if (this.slots.size === 0) return [];
    const out: number[] = [];
    forEachCategoricalValue(properties, (path, value) => {
      const slot = this.slots.get(`${type}\u0000${path}\u0000${value}`);
      if (slot !== undefined && !out.includes(slot)) out.push(slot);
    });
    return out;
  }
}
