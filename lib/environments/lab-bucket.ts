import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { stackSingleton } from './singleton';

export interface LabBucketProps {
  /**
   * Keep the bucket and its objects when the stack is deleted.
   * @default false - a bucket that is emptied and deleted with the lab
   */
  readonly retain?: boolean;
}

/**
 * The lab's data bucket: public access blocked, TLS-only, encrypted, and emptied and deleted with
 * the lab so that nothing keeps billing after `cdk destroy`.
 */
export class LabBucket extends Construct {
  /** The per-stack lab bucket, created on first use, so every environment of a lab shares one. */
  public static of(scope: Construct): LabBucket {
    return stackSingleton(scope, 'LabBucket', (c): c is LabBucket => c instanceof LabBucket, (stack, id) => new LabBucket(stack, id));
  }

  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: LabBucketProps = {}) {
    super(scope, id);
    const retain = props.retain ?? false;
    this.bucket = new s3.Bucket(this, 'Resource', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !retain,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Lab data is disposable practice data, and access logs would need a second bucket that outlives the lab.',
    });
  }
}
