// Generates the shelf photos of vision-algorithms: small synthetic RGB PNGs of three products (one
// product per photo) and the .lst files that label them, in the image format the built-in Image
// Classification algorithm trains from (train, validation, train_lst, validation_lst channels).
// https://docs.aws.amazon.com/sagemaker/latest/dg/image-classification.html (Train with Image Format)
// Rewrites data/ byte for byte:
//   npx esbuild labs/vision-algorithms/generate-images.ts --bundle --platform=node --outfile=/tmp/vision-images.js && node /tmp/vision-images.js labs/vision-algorithms/data
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { gaussian, mulberry32 } from '../prng';
import { IMAGE_SIZE, PRODUCTS, TRAIN_PER_PRODUCT, VALIDATION_PER_PRODUCT } from './photos';

export const SEED = 1414;
export interface Photo {
  /** Path relative to the channel's prefix, as the .lst file names it. */
  readonly file: string;
  readonly label: number;
  readonly png: Buffer;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * An 8-bit RGB PNG (colour type 2, filter 0 on every row). Stored (level 0) deflate blocks keep the
 * bytes identical whatever zlib release Node ships, so the data test can compare byte for byte.
 * https://www.w3.org/TR/png-3/ (IHDR, IDAT, IEND)
 */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (1 + width * 3) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 0 })), chunk('IEND', Buffer.alloc(0))]);
}

/** One photo: a shelf-grey background, the product's box at a random place and size, a band across it, sensor noise. */
function drawPhoto(random: () => number, product: (typeof PRODUCTS)[number]): Uint8Array {
  const size = IMAGE_SIZE;
  const rgb = new Uint8Array(size * size * 3);
  const w = 12 + Math.floor(random() * 10);
  const h = 16 + Math.floor(random() * 10);
  const x0 = Math.floor(random() * (size - w));
  const y0 = Math.floor(random() * (size - h));
  const bandAt = y0 + Math.floor(h * (0.3 + random() * 0.3));
  const light = 0.8 + random() * 0.4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inBox = x >= x0 && x < x0 + w && y >= y0 && y < y0 + h;
      const colour = inBox ? (y >= bandAt && y < bandAt + 3 ? product.band : product.box) : [150, 150, 145];
      for (let c = 0; c < 3; c++) {
        const v = colour[c]! * light + gaussian(random) * 8;
        rgb[(y * size + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
  return rgb;
}

export function generatePhotos(seed = SEED): { train: Photo[]; validation: Photo[] } {
  const random = mulberry32(seed);
  const split = (perProduct: number, channel: string): Photo[] =>
    PRODUCTS.flatMap((product, label) =>
      Array.from({ length: perProduct }, (_, i) => ({
        file: `${product.name}/${channel}-${product.name}-${String(i).padStart(3, '0')}.png`,
        label,
        png: encodePng(IMAGE_SIZE, IMAGE_SIZE, drawPhoto(random, product)),
      })),
    );
  return { train: split(TRAIN_PER_PRODUCT, 'train'), validation: split(VALIDATION_PER_PRODUCT, 'validation') };
}

/** The .lst file: image index, label index, relative path, tab-separated, one line per image. */
export function toLst(photos: readonly Photo[]): string {
  return photos.map((p, i) => `${i}\t${p.label}\t${p.file}\n`).join('');
}

export function writePhotos(dir: string): void {
  const { train, validation } = generatePhotos();
  rmSync(dir, { recursive: true, force: true });
  for (const [channel, photos] of [['train', train], ['validation', validation]] as const) {
    for (const photo of photos) {
      const path = join(dir, channel, photo.file);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, photo.png);
    }
    mkdirSync(join(dir, `${channel}_lst`), { recursive: true });
    writeFileSync(join(dir, `${channel}_lst`, `${channel}.lst`), toLst(photos));
  }
}

if (require.main === module) writePhotos(process.argv[2] ?? join(__dirname, 'data'));
