// Draws the toolbar icons (a white padlock on a blue rounded square) as PNGs, with no image library:
// shapes are signed-distance tests, anti-aliased by 4×4 supersampling, written with zlib.
// Run: node test/tools/make-icons.mjs  (writes public/icon/{16,32,48,128}.png)
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const BLUE = [33, 82, 196];
const WHITE = [255, 255, 255];

/** Distance-based shapes in a 0..1 square; each returns true when the point is inside. */
const roundRect = (x, y, x0, y0, x1, y1, r) => {
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && dx * dx + dy * dy <= r * r;
};
const ring = (x, y, cx, cy, r0, r1) => {
  const d = Math.hypot(x - cx, y - cy);
  return d >= r0 && d <= r1;
};

function colourAt(x, y) {
  if (!roundRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.22)) return null;
  const body = roundRect(x, y, 0.24, 0.46, 0.76, 0.84, 0.07);
  const shackle = y <= 0.47 && ring(x, y, 0.5, 0.4, 0.12, 0.2);
  const legs = y > 0.39 && y < 0.5 && ((x >= 0.3 && x <= 0.38) || (x >= 0.62 && x <= 0.7));
  const keyhole = Math.hypot(x - 0.5, y - 0.6) <= 0.055 || (x >= 0.48 && x <= 0.52 && y >= 0.6 && y <= 0.74);
  if ((body && !keyhole) || shackle || legs) return WHITE;
  return BLUE;
}

function render(size) {
  const S = 4;
  const px = Buffer.alloc(size * size * 4);
  for (let j = 0; j < size; j++)
    for (let i = 0; i < size; i++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const c = colourAt((i + (sx + 0.5) / S) / size, (j + (sy + 0.5) / S) / size);
          if (!c) continue;
          acc[0] += c[0];
          acc[1] += c[1];
          acc[2] += c[2];
          acc[3] += 1;
        }
      const o = (j * size + i) * 4;
      if (acc[3]) for (let k = 0; k < 3; k++) px[o + k] = Math.round(acc[k] / acc[3]);
      px[o + 3] = Math.round((255 * acc[3]) / (S * S));
    }
  return png(size, px);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let j = 0; j < size; j++) rgba.copy(rows, j * (size * 4 + 1) + 1, j * size * 4, (j + 1) * size * 4);
  const sig = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    sig,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../../public/icon/', import.meta.url);
mkdirSync(out, { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(new URL(`${size}.png`, out), render(size));
process.stdout.write('icons written to public/icon/\n');
