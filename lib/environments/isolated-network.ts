import { Fn, RemovalPolicies, Token, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/** How many Availability Zones the isolated subnets span unless told otherwise. */
export const DEFAULT_ISOLATED_AZS = 2;

export interface IsolatedNetworkProps {
  /**
   * How many Availability Zones get an isolated subnet (1 to 3). Two let SageMaker place a job in
   * the other zone when one has no spot capacity.
   * @default 2
   */
  readonly maxAzs?: number;
  /**
   * The VPC's IPv4 range.
   * @default '10.42.0.0/16' - a private range (RFC 1918) that no other lab environment uses
   */
  readonly cidr?: string;
}

/**
 * A VPC for training that must not reach the internet: private isolated subnets only (no internet
 * gateway, no NAT gateway, so no route out), and an S3 gateway endpoint on the isolated subnets'
 * route tables, the only path from them to S3. A training job placed in these subnets reads its
 * channels and writes its model through that endpoint; SageMaker pulls the algorithm image and
 * ships the job's logs outside the VPC, so nothing else is needed.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/train-vpc.html
 * A gateway endpoint for S3 has no hourly or data charge, unlike a NAT gateway:
 * https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
 * It emits no stack outputs: the stack that composes it does (lib/stack/outputs.ts).
 */
export class IsolatedNetwork extends Construct {
  public readonly vpc: ec2.Vpc;
  public readonly isolatedSubnets: readonly ec2.ISubnet[];
  public readonly s3Endpoint: ec2.GatewayVpcEndpoint;

  constructor(scope: Construct, id: string, props: IsolatedNetworkProps = {}) {
    super(scope, id);
    const maxAzs = props.maxAzs ?? DEFAULT_ISOLATED_AZS;
    if (!Token.isUnresolved(maxAzs) && (!Number.isInteger(maxAzs) || maxAzs < 1 || maxAzs > 3)) {
      throw new Error(`maxAzs must be a whole number between 1 and 3, got ${maxAzs}`);
    }
    const cidr = props.cidr ?? '10.42.0.0/16';
    if (!Token.isUnresolved(cidr) && !/^\d{1,3}(\.\d{1,3}){3}\/(1[6-9]|2[0-4])$/.test(cidr)) {
      throw new Error(`cidr must be an IPv4 range from /16 to /24 (VPC sizes AWS accepts), got '${cidr}'`);
    }

    this.vpc = new ec2.Vpc(this, 'Resource', {
      ipAddresses: ec2.IpAddresses.cidr(cidr),
      maxAzs,
      natGateways: 0,
      // No public subnet: the CDK then creates no internet gateway either.
      subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
    });
    this.isolatedSubnets = this.vpc.isolatedSubnets;
    this.s3Endpoint = this.vpc.addGatewayEndpoint('S3Endpoint', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    Validations.of(this.vpc).acknowledge({
      id: 'AwsSolutions-VPC7',
      reason: 'The VPC has no route to the internet; its only traffic is SageMaker reading and writing the lab bucket through the S3 gateway endpoint, and flow logs would bill for ingesting records nobody reads.',
    });

    RemovalPolicies.of(this).destroy();
  }

  /** The isolated subnets' ids, comma-separated, as a stack output carries a list. */
  public get isolatedSubnetIdList(): string {
    return Fn.join(',', this.isolatedSubnets.map((s) => s.subnetId));
  }
}
