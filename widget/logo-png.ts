// Draws the widget's logo (a bar chart on a teal tile) as a PNG of any size, with no image library:
// Kommo wants five logo sizes, and generating them keeps them in step with one design.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const TEAL = [13, 148, 136] as const;
const WHITE = [255, 255, 255] as const;

/** True where the logo is white: three rising bars centred on the tile. */
function isBar(x: number, y: number, width: number, height: number): boolean {
  const size = Math.min(width, height) * 0.6;
  const left = (width - size) / 2;
  const bottom = (height + size) / 2;
  const barWidth = size / 5;
  for (let i = 0; i < 3; i++) {
    const barLeft = left + i * barWidth * 2;
    const barHeight = size * (0.4 + 0.3 * i);
    if (x >= barLeft && x < barLeft + barWidth && y < bottom && y >= bottom - barHeight) return true;
  }
  return false;
}

export function renderLogoPng(width: number, height: number): Buffer {
  const row = 1 + width * 3;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = isBar(x, y, width, height) ? WHITE : TEAL;
      raw.set([r, g, b], y * row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** The logos Kommo documents for a widget's images/ folder, name -> [width, height]. */
export const KOMMO_LOGO_SIZES: Readonly<Record<string, readonly [number, number]>> = {
  'logo.png': [130, 100],
  'logo_main.png': [400, 272],
  'logo_medium.png': [240, 84],
  'logo_min.png': [84, 84],
  'logo_small.png': [108, 108],
  // Kommo's widget template (create-kommo-integration) ships a sixth image for the digital pipeline.
  'logo_dp.png': [174, 109],
};
