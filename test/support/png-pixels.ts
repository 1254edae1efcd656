/** Reading PNGs in tests: the header's size, and the decoded RGBA pixels (see png.ts for making one). */
import { createCanvas, loadImage } from '@napi-rs/canvas';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, after checking the PNG signature. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  if (!SIGNATURE.every((byte, i) => png[i] === byte)) throw new Error('not a PNG');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (String.fromCharCode(...png.subarray(12, 16)) !== 'IHDR') throw new Error('PNG without IHDR first');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export async function decodePng(png: Uint8Array): Promise<Pixels> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  return { width: image.width, height: image.height, data };
}

/** Pixels within `tolerance` of a colour given as #RRGGBB. */
export function countColour(pixels: Pixels, hex: string, tolerance = 6): number {
  const value = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(value >> 16) & 255, (value >> 8) & 255, value & 255];
  let count = 0;
  for (let i = 0; i < pixels.data.length; i += 4) {
    const d = pixels.data;
    if (
      Math.abs(d[i]! - r) <= tolerance &&
      Math.abs(d[i + 1]! - g) <= tolerance &&
      Math.abs(d[i + 2]! - b) <= tolerance
    ) {
      count += 1;
    }
  }
  return count;
}

/** Pixels that differ between two images of the same size, within a rectangle. */
export function differingPixels(
  a: Pixels,
  b: Pixels,
  area = { x: 0, y: 0, width: a.width, height: a.height },
): number {
  let count = 0;
  for (let y = area.y; y < area.y + area.height; y++) {
    for (let x = area.x; x < area.x + area.width; x++) {
      const i = (y * a.width + x) * 4;
      if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2])
        count += 1;
    }
  }
  return count;
}
