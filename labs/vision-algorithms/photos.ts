// What the shipped photo set holds (SDK-free and Node-free: the manifest imports it; generate-images.ts
// draws the photos from it).

/** Edge of the square photos in pixels; the reference job sets image_shape 3,32,32 to match. */
export const IMAGE_SIZE = 32;
/** The products, in label order: the .lst label index is the position here. */
export const PRODUCTS = [
  { name: 'cereal', box: [196, 38, 42], band: [246, 206, 64] },
  { name: 'soap', box: [44, 92, 200], band: [240, 240, 240] },
  { name: 'tea', box: [40, 140, 70], band: [120, 72, 40] },
] as const;
export const TRAIN_PER_PRODUCT = 10;
export const VALIDATION_PER_PRODUCT = 4;
export const NUM_CLASSES = PRODUCTS.length;
export const NUM_TRAINING_SAMPLES = TRAIN_PER_PRODUCT * NUM_CLASSES;
