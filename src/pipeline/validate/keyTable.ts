/**
 * A compact set of keys (学籍号, or whole care rows) held only as salted 64-bit hashes in
 * typed arrays: the identifiers themselves are never kept, and a million keys cost about
 * 16 MB instead of the ~100 MB a `Map<string, …>` would.
 */

/**
 * Per-run salt: hashes are not comparable across runs, and never written anywhere. Worker
 * threads are given the main thread's salt (`useSalt`) so that their hashes match. Web
 * Crypto, so that the self-check page's worker runs the same code.
 */
const SALT = crypto.getRandomValues(new Uint32Array(2));
let SALT_A = SALT[0]!;
let SALT_B = SALT[1]!;

export function currentSalt(): [number, number] {
  return [SALT_A, SALT_B];
}

export function useSalt([a, b]: [number, number]): void {
  SALT_A = a;
  SALT_B = b;
}

/** The two halves of the last `hash64` (module state avoids an allocation per key). */
export let hashHi = 0;
export let hashLo = 0;

/** Two independent 32-bit FNV-1a style hashes of a string, seeded with the salt. */
export function hash64(s: string): void {
  let a = (0x811c9dc5 ^ SALT_A) >>> 0;
  let b = (0x01000193 ^ SALT_B) >>> 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35);
  b ^= b >>> 16;
  hashHi = a >>> 0;
  hashLo = b >>> 0;
}

const EMPTY = -1;

/**
 * Open-addressing hash table from a key to a small integer (the ordinal it was added as).
 * `add` returns the ordinal of an earlier equal key, or -1 when the key is new. Each slot's
 * two hash halves and ordinal sit side by side, so a probe touches one cache line.
 */
export class KeyTable {
  /** Per slot: hash high, hash low, ordinal (or EMPTY). */
  private slots: Int32Array;
  private mask: number;
  size = 0;

  /** `initialCapacity` keys fit without growing (load factor 3/4). */
  constructor(initialCapacity = 1024) {
    let cap = 1024;
    while (cap * 3 < initialCapacity * 4) cap *= 2;
    this.slots = KeyTable.emptySlots(cap);
    this.mask = cap - 1;
  }

  private static emptySlots(cap: number): Int32Array {
    const slots = new Int32Array(cap * 3);
    for (let i = 2; i < slots.length; i += 3) slots[i] = EMPTY;
    return slots;
  }

  /** Adds the key with the next ordinal, or returns the ordinal of an equal key already present. */
  add(key: string): number {
    hash64(key);
    return this.addHash(hashHi, hashLo);
  }

  /** `add` for a key already hashed with `hash64` (possibly in a worker thread). */
  addHash(h: number, l: number): number {
    const slots = this.slots;
    const hi = h | 0;
    const lo = l | 0;
    let i = h & this.mask;
    for (;;) {
      const at = i * 3;
      const s = slots[at + 2]!;
      if (s === EMPTY) {
        slots[at] = hi;
        slots[at + 1] = lo;
        slots[at + 2] = this.size++;
        if (this.size * 4 > (this.mask + 1) * 3) this.grow();
        return EMPTY;
      }
      if (slots[at] === hi && slots[at + 1] === lo) return s;
      i = (i + 1) & this.mask;
    }
  }

  /** The ordinal of the key, or -1. */
  get(key: string): number {
    hash64(key);
    const slots = this.slots;
    const hi = hashHi | 0;
    const lo = hashLo | 0;
    let i = hashHi & this.mask;
    for (;;) {
      const at = i * 3;
      const s = slots[at + 2]!;
      if (s === EMPTY) return EMPTY;
      if (slots[at] === hi && slots[at + 1] === lo) return s;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    const slots = KeyTable.emptySlots(cap);
    const mask = cap - 1;
    for (let j = 0; j < old.length; j += 3) {
      if (old[j + 2] === EMPTY) continue;
      let i = old[j]! & mask;
      while (slots[i * 3 + 2] !== EMPTY) i = (i + 1) & mask;
      slots[i * 3] = old[j]!;
      slots[i * 3 + 1] = old[j + 1]!;
      slots[i * 3 + 2] = old[j + 2]!;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** A growable typed column, for per-ordinal facts next to a `KeyTable`. */
export class IntColumn {
  private data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  at(i: number): number {
    return this.data[i]!;
  }
  set(i: number, v: number): void {
    if (i >= this.length) throw new Error(`index out of range: ${i}`);
    this.data[i] = v;
  }
  /** The values pushed so far, as a compact copy. */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
