// Draws the extension icon (images/icon.png, 128×128): a shield split down the middle, the provider's half
// in slate and the customer's half in amber, the shared-responsibility line between them. Pure Node, no deps.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const size = 128;
const px = Buffer.alloc(size * size * 4);
const inShield = (x, y) => {
  const cx = 64, top = 14, bottom = 116, half = 46;
  if (y < top || y > bottom) return false;
  const t = (y - top) / (bottom - top);
  const w = t < 0.55 ? half : half * Math.cos(((t - 0.55) / 0.45) * (Math.PI / 2));
  return Math.abs(x + 0.5 - cx) <= w;
};
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const i = (y * size + x) * 4;
    if (!inShield(x, y)) continue;
    const edge = !inShield(x - 3, y) || !inShield(x + 3, y) || !inShield(x, y - 3) || !inShield(x, y + 3);
    const line = Math.abs(x + 0.5 - 64) < 2;
    const [r, g, b] = edge ? [30, 41, 59] : line ? [255, 255, 255] : x < 64 ? [71, 85, 105] : [245, 158, 11];
    px.set([r, g, b, 255], i);
  }
}
const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0);
ihdr.writeUInt32BE(size, 4);
ihdr.set([8, 6, 0, 0, 0], 8);
writeFileSync(
  new URL('../images/icon.png', import.meta.url),
  Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]),
);
