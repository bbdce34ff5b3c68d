// The page's wasm is LZMA-compressed: 22% smaller than DEFLATE, the best the browser's own
// `DecompressionStream` reads. `lzma(src)` reads the "LZMA alone" format that `cargo xtask web`
// writes (13-byte header with the size, no end marker) and returns `more(ms)`, which decodes for
// about `ms` milliseconds and returns the bytes once done, else null, so the caller yields between
// slices and no task runs long. It follows the reference decoder of the LZMA specification
// (LzmaSpec.cpp in the LZMA SDK, https://www.7-zip.org/sdk.html).
const lzma = (src) => {
  const d = src[0], lc = d % 9, lp = ((d / 9) | 0) % 5, pb = (d / 45) | 0;
  let size = 0;
  for (let i = 12; i >= 5; i--) size = size * 256 + src[i];
  const out = new Uint8Array(size);
  let inPos = 14, range = 0xffffffff, code = 0;
  for (let i = 0; i < 4; i++) code = code * 256 + src[inPos++];
  // One table of probabilities; each model's first index.
  const isMatch = 0, isRep = 192, isRepG0 = 204, isRepG1 = 216, isRepG2 = 228, isRep0Long = 240,
    posSlot = 432, posDec = 688, align = 803, lenDec = 819, repLenDec = 1333, lit = 1847;
  const p = new Uint16Array(lit + (0x300 << (lc + lp))).fill(1024);
  const bit = (i) => {
    const bound = (range >>> 11) * p[i];
    let b;
    if (code < bound) { range = bound; p[i] += (2048 - p[i]) >> 5; b = 0; }
    else { range -= bound; code -= bound; p[i] -= p[i] >> 5; b = 1; }
    if (range < 16777216) { range *= 256; code = code * 256 + src[inPos++]; }
    return b;
  };
  const tree = (base, n) => { let m = 1; for (let i = 0; i < n; i++) m = (m << 1) + bit(base + m); return m - (1 << n); };
  const reverse = (base, n) => { let m = 1, s = 0; for (let i = 0; i < n; i++) { const b = bit(base + m); m = (m << 1) + b; s |= b << i; } return s; };
  const direct = (n) => {
    let r = 0;
    for (let i = 0; i < n; i++) {
      range = range >>> 1;
      let b = 0;
      if (code >= range) { code -= range; b = 1; }
      r = r * 2 + b;
      if (range < 16777216) { range *= 256; code = code * 256 + src[inPos++]; }
    }
    return r;
  };
  const length = (o, ps) => bit(o) === 0 ? tree(o + 2 + ps * 8, 3) : bit(o + 1) === 0 ? 8 + tree(o + 130 + ps * 8, 3) : 16 + tree(o + 258, 8);
  let state = 0, rep0 = 0, rep1 = 0, rep2 = 0, rep3 = 0, pos = 0;
  const pbMask = (1 << pb) - 1, lpMask = (1 << lp) - 1;
  const run = (end) => {
    while (pos < end) {
      const ps = pos & pbMask;
      if (bit(isMatch + (state << 4) + ps) === 0) {
        const prev = pos > 0 ? out[pos - 1] : 0, base = 0x300 * (((pos & lpMask) << lc) + (prev >> (8 - lc)));
        let s = 1;
        if (state >= 7) {
          let mb = out[pos - rep0 - 1];
          do {
            const m = (mb >> 7) & 1; mb <<= 1;
            const b = bit(lit + base + ((1 + m) << 8) + s);
            s = (s << 1) | b;
            if (m !== b) break;
          } while (s < 0x100);
        }
        while (s < 0x100) s = (s << 1) | bit(lit + base + s);
        out[pos++] = s & 0xff;
        state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
        continue;
      }
      let len;
      if (bit(isRep + state) !== 0) {
        if (pos === 0) throw new Error("lzma: corrupt data");
        if (bit(isRepG0 + state) === 0) {
          if (bit(isRep0Long + (state << 4) + ps) === 0) {
            state = state < 7 ? 9 : 11;
            out[pos] = out[pos - rep0 - 1]; pos++;
            continue;
          }
        } else {
          let dist;
          if (bit(isRepG1 + state) === 0) dist = rep1;
          else { if (bit(isRepG2 + state) === 0) dist = rep2; else { dist = rep3; rep3 = rep2; } rep2 = rep1; }
          rep1 = rep0; rep0 = dist;
        }
        len = length(repLenDec, ps);
        state = state < 7 ? 8 : 11;
      } else {
        rep3 = rep2; rep2 = rep1; rep1 = rep0;
        len = length(lenDec, ps);
        state = state < 7 ? 7 : 10;
        const slot = tree(posSlot + ((len < 3 ? len : 3) << 6), 6);
        if (slot < 4) rep0 = slot;
        else {
          const n = (slot >> 1) - 1;
          rep0 = (2 | (slot & 1)) * 2 ** n;
          if (slot < 14) rep0 += reverse(posDec + rep0 - slot, n);
          else rep0 += direct(n - 4) * 16 + reverse(align, 4);
        }
        if (rep0 >= pos) throw new Error("lzma: corrupt data");
      }
      for (let n = Math.min(len + 2, size - pos); n > 0; n--, pos++) out[pos] = out[pos - rep0 - 1];
    }
  };
  return (ms) => {
    const stop = performance.now() + ms;
    while (pos < size) {
      run(Math.min(size, pos + 2048));
      if (performance.now() > stop) break;
    }
    return pos < size ? null : out;
  };
};
