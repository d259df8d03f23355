/**
 * Write the two 32-bit hashes of `key` at `out[offset]` and `out[offset + 1]`: FNV-1a and a
 * second multiplicative variant. The first is never zero, so zero can mean "no key".
 */
export const hashKey = (key: string, out: Uint32Array, offset: number): void => {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  out[offset] = (h1 | 1) >>> 0;
  out[offset + 1] = h2 >>> 0;
};

const SCRATCH = new Uint32Array(2);

/**
 * A set of strings that remembers only a 64-bit hash of each (two 32-bit FNV-1a variants in an
 * open-addressing table of typed arrays): 8 bytes a key instead of a heap string, so that a
 * million-row audit finds duplicates without holding a million strings. A false "seen" needs
 * two keys whose two hashes both collide: about one in 2^64 per pair.
 */
export class SeenKeys {
  private hi = new Uint32Array(1 << 12);
  private lo = new Uint32Array(1 << 12);
  private used = 0;

  /** Number of distinct keys added. */
  get size(): number {
    return this.used;
  }

  /** Add `key`; returns true when it was already present. */
  addAndCheck(key: string): boolean {
    hashKey(key, SCRATCH, 0);
    return this.insert(SCRATCH[0]!, SCRATCH[1]!);
  }

  /**
   * Add a key by the two hashes `hashKey` wrote (so that the hashing can run in another thread);
   * returns true when it was already present. A zero first hash means "no key" and is ignored.
   */
  addHashesAndCheck(h1: number, h2: number): boolean {
    return h1 === 0 ? false : this.insert(h1, h2);
  }

  private insert(h1: number, h2: number): boolean {
    const mask = this.hi.length - 1;
    let slot = (h1 ^ (h2 * 0x9e3779b1)) & mask;
    while (this.hi[slot] !== 0) {
      if (this.hi[slot] === h1 && this.lo[slot] === h2) return true;
      slot = (slot + 1) & mask;
    }
    this.hi[slot] = h1;
    this.lo[slot] = h2;
    this.used++;
    if (this.used * 2 > this.hi.length) this.grow();
    return false;
  }

  private grow(): void {
    const oldHi = this.hi;
    const oldLo = this.lo;
    this.hi = new Uint32Array(oldHi.length * 2);
    this.lo = new Uint32Array(oldLo.length * 2);
    this.used = 0;
    for (let i = 0; i < oldHi.length; i++) {
      const h1 = oldHi[i]!;
      if (h1 !== 0) this.insert(h1, oldLo[i]!);
    }
  }
}
