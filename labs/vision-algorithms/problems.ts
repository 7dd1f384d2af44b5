// The three vision problems of the scenario, the built-in algorithm family each one needs, and why
// each other family does not fit it: what R1's findings teach. SDK-free, so lab.ts may import it.
// The algorithm families and what they output:
//   https://docs.aws.amazon.com/sagemaker/latest/dg/algorithms-vision.html
//   https://docs.aws.amazon.com/sagemaker/latest/dg/image-classification.html
//   https://docs.aws.amazon.com/sagemaker/latest/dg/object-detection.html
//   https://docs.aws.amazon.com/sagemaker/latest/dg/semantic-segmentation.html

export const VISION_ALGORITHMS = ['image-classification', 'object-detection', 'semantic-segmentation'] as const;
export type VisionAlgorithm = (typeof VISION_ALGORITHMS)[number];

export interface VisionProblem {
  /** The key of the decision record. */
  readonly id: string;
  readonly title: string;
  readonly answer: VisionAlgorithm;
  /** Why each other algorithm does not answer this problem. */
  readonly wrong: Readonly<Partial<Record<VisionAlgorithm, string>>>;
}

export const PROBLEMS: readonly VisionProblem[] = [
  {
    id: 'product-in-photo',
    title: 'which of the three products a customer\'s photo shows (one product per photo)',
    answer: 'image-classification',
    wrong: {
      'object-detection': 'object detection finds and boxes every object in an image; the question is one label per photo, and detection needs a bounding box drawn around each product in every training photo, which the team does not have.',
      'semantic-segmentation': 'semantic segmentation labels every pixel; the question is one label per photo, and it needs a hand-drawn mask for every training photo.',
    },
  },
  {
    id: 'shelf-positions',
    title: 'where every product stands on a shelf photo, and how many of each there are',
    answer: 'object-detection',
    wrong: {
      'image-classification': 'image classification gives labels for the whole photo and no location: it cannot say where a product stands or how many boxes of it there are.',
      'semantic-segmentation': 'semantic segmentation labels pixels by class but does not separate instances: two boxes of the same product side by side become one region, so they can be neither counted nor located one by one.',
    },
  },
  {
    id: 'damaged-pixels',
    title: 'which pixels of a package photo show damage (dents, tears, stains)',
    answer: 'semantic-segmentation',
    wrong: {
      'image-classification': 'image classification says whether a photo shows damage, not which pixels do.',
      'object-detection': 'object detection draws rectangles: a tear or a stain has an irregular shape, and a box around it includes undamaged pixels, so it cannot say which pixels are damaged.',
    },
  },
];

/**
 * The algorithm a learner's spelling names, or undefined. Accepted: the ECR repository names
 * (`image-classification`, `object-detection`, `semantic-segmentation`), the algorithm names of the
 * SageMaker documentation with or without their framework (`Image Classification - MXNet`,
 * `Object Detection - TensorFlow`, ...), any case, spaces, hyphens or underscores, and the short
 * forms `ic`, `od`, `ss`.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/algos.html
 */
export function algorithmOf(spelling: string): VisionAlgorithm | undefined {
  const bare = spelling
    .toLowerCase()
    .replace(/\b(mxnet|tensorflow|tf|sagemaker|amazon|algorithm|built-in|builtin)\b/g, '')
    .replace(/[^a-z]/g, '');
  const known: Record<string, VisionAlgorithm> = {
    imageclassification: 'image-classification',
    ic: 'image-classification',
    objectdetection: 'object-detection',
    od: 'object-detection',
    semanticsegmentation: 'semantic-segmentation',
    ss: 'semantic-segmentation',
  };
  return known[bare];
}
