// The manifest of vision-algorithms (lib/model only, no SDK): three shelf-photo problems, the built-in
// vision algorithm each needs (recorded by the learner), and one real image classification training
// job on the shipped product photos. Checks live in checks.ts; the problems and their findings in problems.ts.
import { defineLab } from '../../lib/model';
import { STUDIO_APP_INSTANCE_TYPE } from '../xgboost-builtin/lab';
import { NUM_CLASSES, NUM_TRAINING_SAMPLES, PRODUCTS, TRAIN_PER_PRODUCT, VALIDATION_PER_PRODUCT } from './photos';
import { PROBLEMS } from './problems';

export const LAB_ID = 'vision-algorithms';

/** Where the learner states the algorithm chosen per problem, in the lab bucket (stack output LabBucketName). */
export const DECISION_KEY = 'decisions/vision-algorithms.json';

/** Every training job of the lab is named `shelf-ic-<anything>`; teardown finds them by this prefix. */
export const TRAINING_JOB_PREFIX = 'shelf-ic-';

/**
 * The built-in Image Classification (MXNet) image's ECR repository. The registry account differs by
 * region (811284229777 in us-east-1, 433757028032 in us-west-2, ...), so checks compare the repository.
 * https://docs.aws.amazon.com/sagemaker/latest/dg-ecr-paths/sagemaker-algo-docker-registry-paths.html
 */
export const IMAGE_CLASSIFICATION_REPOSITORY = 'image-classification';
/** The other built-in vision algorithms' repositories, named in findings. Same page. */
export const OBJECT_DETECTION_REPOSITORY = 'object-detection';
export const SEMANTIC_SEGMENTATION_REPOSITORY = 'semantic-segmentation';

/**
 * Training instance types the lab allows. None of the built-in vision algorithms trains on CPU:
 * Image Classification - MXNet, Object Detection - MXNet and Semantic Segmentation - MXNet each list
 * GPU instances only (P2, P3, G4dn, G5) for training in their "EC2 instance recommendation" section,
 * CPU instances for inference only; the TensorFlow image classification and object detection
 * algorithms are JumpStart models fine-tuned through a framework container, not the built-in images
 * this lab trains. The cheapest of those GPU types in the SageMaker price list is ml.g4dn.xlarge
 * (one NVIDIA T4, USD 0.736 an hour on demand in us-east-1); with managed spot training a job of a few
 * billable minutes costs cents.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/image-classification.html (EC2 Instance Recommendation)
 * https://docs.aws.amazon.com/sagemaker/latest/dg/object-detection.html (EC2 Instance Recommendation)
 * https://docs.aws.amazon.com/sagemaker/latest/dg/semantic-segmentation.html (EC2 Instance Recommendation)
 * https://aws.amazon.com/sagemaker/pricing/
 */
export const TRAINING_INSTANCE_TYPES = ['ml.g4dn.xlarge'] as const;

/**
 * Training content types of the image format (file mode): image/png, image/jpeg, application/x-image;
 * the documented setting for the four channels of the .lst format is application/x-image. RecordIO
 * (application/x-recordio) needs .rec files in train and validation instead.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/image-classification.html (Input/Output Interface)
 */
export const IMAGE_CONTENT_TYPES = ['application/x-image', 'image/png', 'image/jpeg'] as const;
export const RECORDIO_CONTENT_TYPE = 'application/x-recordio';
/** The channels of the image format with .lst files. Same page ("Train with Image Format"). */
export const IMAGE_CHANNELS = ['train', 'validation', 'train_lst', 'validation_lst'] as const;

/** Key prefixes in the lab bucket: the shipped channels, and where the model goes. */
export const CHANNEL_PREFIXES: Readonly<Record<(typeof IMAGE_CHANNELS)[number], string>> = {
  train: 'shelf/train/',
  validation: 'shelf/validation/',
  train_lst: 'shelf/train_lst/',
  validation_lst: 'shelf/validation_lst/',
};
export const OUTPUT_PREFIX = 'shelf/output/';

/** Spot limits, as xgboost-builtin: a few minutes of training, at most an hour in all. */
export const MAX_RUNTIME_SECONDS = 1800;
export const MAX_WAIT_SECONDS = 3600;

export { NUM_CLASSES, NUM_TRAINING_SAMPLES };

const productNames = PRODUCTS.map((p) => p.name).join(', ');

export const lab = defineLab({
  id: LAB_ID,
  title: 'Choose the built-in vision algorithm for three shelf-photo problems, and train one',
  summary:
    'Match three retail photo problems to image classification, object detection or semantic segmentation, then train the built-in Image Classification algorithm on a shipped set of product photos with the .lst image format, in file mode, on one spot ml.g4dn.xlarge: the cheapest instance a built-in vision algorithm trains on.',
  domains: { 'MLA-C01': ['MLA-C01/D2'], 'MLS-C01': ['MLS-C01/D3'] },
  environments: ['studio'],
  estimatedMinutes: 60,
  estimatedCostUsd: 0.14,
  // GPU for the training job (no built-in vision algorithm trains on CPU, see TRAINING_INSTANCE_TYPES),
  // and the Studio space type to drive the SDK from; nothing else may start.
  instanceTypes: [...TRAINING_INSTANCE_TYPES, STUDIO_APP_INSTANCE_TYPE],
  datasets: [
    { dir: 'data/train', keyPrefix: CHANNEL_PREFIXES.train, description: `${NUM_TRAINING_SAMPLES} product photos (${TRAIN_PER_PRODUCT} each of ${productNames}), 32 x 32 RGB PNG, one folder per product` },
    { dir: 'data/validation', keyPrefix: CHANNEL_PREFIXES.validation, description: `${VALIDATION_PER_PRODUCT * NUM_CLASSES} held-out product photos, same layout` },
    { dir: 'data/train_lst', keyPrefix: CHANNEL_PREFIXES.train_lst, description: 'train.lst: image index, class index, relative path, tab-separated' },
    { dir: 'data/validation_lst', keyPrefix: CHANNEL_PREFIXES.validation_lst, description: 'validation.lst: the same for the held-out photos' },
  ],
  usage: [
    { item: `sagemaker:training-spot-hour:${TRAINING_INSTANCE_TYPES[0]}`, quantity: 0.25, note: 'about three training jobs of 5 billable minutes each on one spot ml.g4dn.xlarge' },
    { item: `sagemaker:studio-app-hour:${STUDIO_APP_INSTANCE_TYPE}`, quantity: 1.5, note: 'a JupyterLab space to drive the SageMaker SDK' },
    { item: 's3:storage-gb-month', quantity: 0.01, note: 'the shipped photos (under 200 KB) and model artefacts' },
  ],
  learnerResources: [
    { kind: 'sagemaker:training-job', name: TRAINING_JOB_PREFIX, match: 'prefix' },
    { kind: 's3:prefix', name: OUTPUT_PREFIX, match: 'prefix' },
  ],
  requirements: [
    {
      id: 'R1',
      title: `The decision record ${DECISION_KEY} in the lab bucket names the built-in vision algorithm that answers each of the ${PROBLEMS.length} problems.`,
      hint: 'Compare what each built-in computer vision algorithm outputs for an image (labels, boxes, or a class per pixel) with what each problem asks.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/algorithms-vision.html',
      reads: ['CloudFormation:DescribeStacks', 'S3:GetObject'],
      tasks: ['MLA-C01/2.1'],
      concepts: ['vision-algorithm-choice', 'image-classification', 'object-detection', 'semantic-segmentation'],
    },
    {
      id: 'R2',
      title: `A training job whose name starts with '${TRAINING_JOB_PREFIX}' has Completed with the built-in Image Classification algorithm on one ${TRAINING_INSTANCE_TYPES.join(' or ')} with managed spot training.`,
      hint: 'The built-in algorithms are container images in AWS-owned ECR registries; each algorithm page says which instance families it trains on.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/image-classification.html',
      reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
      tasks: ['MLA-C01/2.1', 'MLA-C01/2.2'],
      concepts: ['image-classification', 'algorithm-container-images', 'managed-spot-training', 'instance-types'],
    },
    {
      id: 'R3',
      title: `The job trains in File mode from the shipped photos: channels ${IMAGE_CHANNELS.join(', ')} under shelf/ in the lab bucket, with an image content type.`,
      hint: 'Read which content types and input modes the Image Classification algorithm trains from, and which channels the image format with .lst files needs.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/image-classification.html',
      dependsOn: ['R2'],
      reads: ['CloudFormation:DescribeStacks', 'SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
      tasks: ['MLA-C01/1.3', 'MLA-C01/2.2'],
      concepts: ['training-channels', 'content-type', 'training-input-mode', 'image-lst-format'],
    },
    {
      id: 'R4',
      title: `The job's required hyperparameters describe the shipped set: num_classes ${NUM_CLASSES} and num_training_samples ${NUM_TRAINING_SAMPLES}.`,
      hint: 'The Image Classification algorithm has two required hyperparameters; both come from the training data.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/IC-Hyperparameter.html',
      dependsOn: ['R2'],
      reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
      tasks: ['MLA-C01/2.1', 'MLA-C01/2.2'],
      concepts: ['image-classification-hyperparameters', 'required-hyperparameters'],
    },
  ],
});
