import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { IsolatedNetwork, type IsolatedNetworkProps } from '../../lib/environments/isolated-network';
import { addLabOutputs } from '../../lib/stack/outputs';

function networkStack(props: IsolatedNetworkProps = {}) {
  const stack = new Stack(new App(), 'MlLab-isolated-test', { env: { account: '111122223333', region: 'us-east-1' } });
  const isolatedNetwork = new IsolatedNetwork(stack, 'IsolatedNetwork', props);
  // As a lab stack composes it: the stack emits the environment's outputs.
  addLabOutputs(stack, { isolatedNetwork });
  return stack;
}

type Resources = Record<string, { Type: string; Properties?: Record<string, any>; DeletionPolicy?: string }>;

describe('IsolatedNetwork', () => {
  let template: Template;
  let resources: Resources;
  beforeAll(() => {
    template = Template.fromStack(networkStack());
    resources = template.toJSON().Resources as Resources;
  });
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

  it('has no NAT gateway, no internet gateway and no Elastic IP: nothing routes to the internet', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::VPCGatewayAttachment', 0);
    template.resourceCountIs('AWS::EC2::EIP', 0);
  });

  it('has two isolated subnets, neither of which maps public IP addresses', () => {
    const subnets = ofType('AWS::EC2::Subnet');
    expect(subnets).toHaveLength(2);
    for (const [, s] of subnets) {
      expect(s.Properties?.MapPublicIpOnLaunch).toBe(false);
      expect(s.Properties?.Tags).toEqual(expect.arrayContaining([{ Key: 'aws-cdk:subnet-type', Value: 'Isolated' }]));
    }
  });

  it('routes nothing but the VPC itself: no route resource sends traffic anywhere', () => {
    template.resourceCountIs('AWS::EC2::Route', 0);
  });

  it('puts an S3 gateway endpoint on the route table of every isolated subnet', () => {
    const tables = ofType('AWS::EC2::SubnetRouteTableAssociation').map(([, a]) => a.Properties!.RouteTableId);
    expect(tables).toHaveLength(2);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
      RouteTableIds: Match.arrayWith(tables),
    });
    const endpoints = ofType('AWS::EC2::VPCEndpoint');
    expect(endpoints.map(([, e]) => (e.Properties?.RouteTableIds as unknown[]).length)).toEqual([2]);
  });

  it('emits the isolated VPC, its subnets (comma-separated) and the endpoint as outputs, and nothing of other environments', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs).sort()).toEqual(['IsolatedSubnetIds', 'IsolatedVpcId', 'S3GatewayEndpointId']);
    const [vpcId] = ofType('AWS::EC2::VPC').map(([id]) => id);
    const [endpointId] = ofType('AWS::EC2::VPCEndpoint').map(([id]) => id);
    const subnetIds = ofType('AWS::EC2::Subnet').map(([id]) => ({ Ref: id }));
    expect(outputs.IsolatedVpcId!.Value).toEqual({ Ref: vpcId });
    expect(outputs.S3GatewayEndpointId!.Value).toEqual({ Ref: endpointId });
    expect(outputs.IsolatedSubnetIds!.Value).toEqual({ 'Fn::Join': [',', subnetIds] });
  });

  it('deletes everything with the lab', () => {
    expect(Object.entries(resources).filter(([, r]) => (r.DeletionPolicy ?? 'Delete') !== 'Delete').map(([id]) => id)).toEqual([]);
  });

  it('spans one Availability Zone when told to', () => {
    Template.fromStack(networkStack({ maxAzs: 1 })).resourceCountIs('AWS::EC2::Subnet', 1);
  });

  it('fails when maxAzs is outside 1 to 3, saying what it got', () => {
    expect(() => networkStack({ maxAzs: 0 })).toThrow('maxAzs must be a whole number between 1 and 3, got 0');
    expect(() => networkStack({ maxAzs: 1.5 })).toThrow(/got 1\.5/);
  });

  it('fails when the CIDR is not a /16 to /24 IPv4 range', () => {
    expect(() => networkStack({ cidr: '10.0.0.0/8' })).toThrow("cidr must be an IPv4 range from /16 to /24 (VPC sizes AWS accepts), got '10.0.0.0/8'");
    Template.fromStack(networkStack({ cidr: '10.9.0.0/20' })).hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.9.0.0/20' });
  });
});
