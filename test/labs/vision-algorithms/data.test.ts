// The shipped photos are exactly what the seeded generator writes, readable PNGs of the stated size,
// listed by .lst files in the algorithm's format, and small.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inflateSync } from 'node:zlib';
import { generatePhotos, SEED, toLst } from '../../../labs/vision-algorithms/generate-images';
import { IMAGE_SIZE, NUM_CLASSES, NUM_TRAINING_SAMPLES, PRODUCTS } from '../../../labs/vision-algorithms/photos';

const DATA = join(__dirname, '..', '..', '..', 'labs', 'vision-algorithms', 'data');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** IHDR fields and the inflated scanlines of a PNG, checking every chunk's CRC on the way (PNG spec, section 5). */
function readPng(bytes: Buffer): { width: number; height: number; depth: number; colourType: number; pixels: Buffer } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  const idat: Buffer[] = [];
  let header: Buffer | undefined;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('ascii', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  return { width: header!.readUInt32BE(0), height: header!.readUInt32BE(4), depth: header![8]!, colourType: header![9]!, pixels: inflateSync(Buffer.concat(idat)) };
}

test('the shipped files are the generator output for the fixed seed, byte for byte', () => {
  const { train, validation } = generatePhotos();
  const expected = new Map<string, Buffer | string>();
  for (const [channel, photos] of [['train', train], ['validation', validation]] as const) {
    for (const p of photos) expected.set(`${channel}/${p.file}`, p.png);
    expected.set(`${channel}_lst/${channel}.lst`, toLst(photos));
  }
  const shipped = filesUnder(DATA).map((f) => relative(DATA, f)).sort();
  expect(shipped).toEqual([...expected.keys()].sort());
  for (const [file, content] of expected) {
    const bytes = readFileSync(join(DATA, file));
    expect([file, typeof content === 'string' ? bytes.toString('utf8') === content : bytes.equals(content)]).toEqual([file, true]);
  }
});

test('another seed gives other photos (the seed is what makes them reproducible)', () => {
  expect(generatePhotos(SEED + 1).train[0]!.png.equals(generatePhotos().train[0]!.png)).toBe(false);
});

test('every photo is an 8-bit RGB PNG of the stated size whose scanlines inflate to the full image', () => {
  const pngs = filesUnder(DATA).filter((f) => f.endsWith('.png'));
  for (const file of pngs) {
    const png = readPng(readFileSync(file));
    expect([png.width, png.height, png.depth, png.colourType, png.pixels.length]).toEqual([IMAGE_SIZE, IMAGE_SIZE, 8, 2, IMAGE_SIZE * (1 + IMAGE_SIZE * 3)]);
  }
});

test.each(['train', 'validation'])('%s.lst: index, class index, relative path, tab-separated; every path exists and its folder is its product', (channel) => {
  const lines = readFileSync(join(DATA, `${channel}_lst`, `${channel}.lst`), 'utf8').trimEnd().split('\n');
  lines.forEach((line, i) => {
    const [index, label, path] = line.split('\t');
    expect([index, PRODUCTS[Number(label)]?.name, statSync(join(DATA, channel, path!)).isFile()]).toEqual([String(i), path!.split('/')[0], true]);
  });
  if (channel === 'train') expect(lines).toHaveLength(NUM_TRAINING_SAMPLES);
  expect(new Set(lines.map((l) => l.split('\t')[1])).size).toBe(NUM_CLASSES);
});

test('the shipped photos stay under 250 KB', () => {
  expect(filesUnder(DATA).reduce((sum, f) => sum + statSync(f).size, 0)).toBeLessThan(250_000);
});
