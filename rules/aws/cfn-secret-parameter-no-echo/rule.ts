// CL-AWS-022: a CloudFormation parameter whose name says it holds a secret, without NoEcho: true.
//
// Parameters are not resources, and the engine runs checks per resource type only. Until there is a
// template-level hook, the check is registered on the resource types of the responsibility data and runs once
// per template, from the first of its resources that has one of those types and no Condition (a resource
// Condition would be appended to the message, and it says nothing about parameters).
import { defineRule, type CheckContext } from '../../../server/src/engine/rule';
import type { Resource } from '../../../server/src/formats/resource';
import { get, str, type MapNode, type Node, type ScalarNode } from '../../../server/src/model/tree';
import { looksSecretName } from '../../lib/iam';

/** The CloudFormation types the check is registered on: those with responsibility data (aws.yaml, aws-identity.yaml). */
export const HOST_TYPES: readonly string[] = [
  'AWS::S3::Bucket', 'AWS::S3::BucketPolicy', 'AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::EC2::Volume',
  'AWS::AutoScaling::LaunchConfiguration', 'AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress', 'AWS::EC2::NetworkAclEntry', 'AWS::EC2::Subnet', 'AWS::EC2::VPC', 'AWS::EC2::FlowLog',
  'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group',
  'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy',
  'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::DocDB::DBCluster', 'AWS::DocDB::DBInstance', 'AWS::Redshift::Cluster',
  'AWS::Lambda::Function', 'AWS::Lambda::Permission', 'AWS::Lambda::Url', 'AWS::Serverless::Function', 'AWS::KMS::Key',
  'AWS::SQS::Queue', 'AWS::SQS::QueuePolicy', 'AWS::SQS::QueueInlinePolicy', 'AWS::SNS::Topic', 'AWS::SNS::TopicPolicy',
  'AWS::SNS::TopicInlinePolicy', 'AWS::DynamoDB::Table', 'AWS::EFS::FileSystem', 'AWS::ElastiCache::ReplicationGroup',
  'AWS::ElastiCache::CacheCluster', 'AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain', 'AWS::CloudTrail::Trail',
  'AWS::Logs::LogGroup', 'AWS::SecretsManager::Secret', 'AWS::SageMaker::NotebookInstance', 'AWS::SageMaker::EndpointConfig',
  'AWS::EKS::Cluster', 'AWS::EKS::Nodegroup', 'AWS::ECS::TaskDefinition', 'AWS::ECS::Service', 'AWS::ECS::Cluster',
  'AWS::ECR::Repository', 'AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancing::LoadBalancer', 'AWS::CloudFront::Distribution', 'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage', 'AWS::ApiGateway::RestApi', 'AWS::DMS::ReplicationInstance',
  'AWS::Kinesis::Stream', 'AWS::AmazonMQ::Broker', 'AWS::ElasticBeanstalk::Environment',
];
const HOSTS = new Set(HOST_TYPES);

export interface SecretParameter {
  readonly name: ScalarNode;
  readonly body: MapNode;
  /** The NoEcho value when it is written (and not true). */
  readonly noEcho?: Node;
}

/**
 * Template-level logic: parameters whose name says they hold a secret (`DBPassword`, `GitHubToken`, `ApiKey`; not
 * `PasswordLength`, `SecretArn`, `TokenTtl`) and that do not set `NoEcho: true`. AWS-specific parameter types
 * (`AWS::SSM::Parameter::Value<String>`, `AWS::EC2::KeyPair::KeyName`) hold names, not secrets, and are skipped.
 */
export function secretParametersWithoutNoEcho(root: Node | undefined): SecretParameter[] {
  const params = get(root, 'Parameters');
  const out: SecretParameter[] = [];
  if (params?.kind !== 'map') return out;
  for (const { key, value } of params.pairs) {
    if (value.kind !== 'map' || !looksSecretName(String(key.value))) continue;
    if (str(get(value, 'Type'))?.startsWith('AWS::')) continue;
    const noEcho = get(value, 'NoEcho');
    const v = noEcho?.kind === 'scalar' ? noEcho.value : undefined;
    if (v === true || (typeof v === 'string' && v.toLowerCase() === 'true')) continue;
    out.push({ name: key, body: value, noEcho });
  }
  return out;
}

function check(r: Resource, ctx: CheckContext): void {
  const host = ctx.resources.find((x) => x.doc === r.doc && HOSTS.has(x.type) && !x.condition);
  if (host !== r) return;
  for (const p of secretParametersWithoutNoEcho(r.doc.doc.root)) {
    const name = String(p.name.value);
    if (p.noEcho) {
      ctx.report(p.noEcho, `Parameter ${name} looks like a secret but sets NoEcho to false, so CloudFormation shows its value in the console, in API responses and in stack events.`, {
        fix: { title: 'Set NoEcho to true', edits: ctx.edits.replaceNode(p.noEcho, true) },
      });
    } else {
      ctx.report(p.name, `Parameter ${name} looks like a secret but does not set NoEcho: true, so CloudFormation shows its value in the console, in API responses and in stack events.`, {
        fix: { title: 'Add NoEcho: true', edits: ctx.edits.addPair(p.body, 'NoEcho', true) },
      });
    }
  }
}

export default defineRule({
  id: 'CL-AWS-022',
  slug: 'cfn-secret-parameter-no-echo',
  title: 'Secret CloudFormation parameter is not masked (NoEcho)',
  severity: 'medium',
  description:
    'A parameter named like a password, secret, token or key without NoEcho: true is shown in clear text by the CloudFormation console, DescribeStacks and stack events, to everyone who may read the stack.',
  remediation: 'Add NoEcho: true to the parameter, or better, keep the secret in Secrets Manager or SSM Parameter Store and use a dynamic reference.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'secrets',
    provider: 'CloudFormation masks the values of parameters marked NoEcho wherever it displays them',
    customer: 'marking secret parameters, and keeping secrets out of templates, is yours',
  },
  frameworks: [
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['IA-5'] },
    { framework: 'SOC 2', version: '2017', controls: ['CC6.1'] },
  ],
  equivalents: {},
  docs: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#parameters-section-structure-properties',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/best-practices.html#creds',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html',
  ],
  checks: {
    cloudformation: { types: HOST_TYPES, run: check },
  },
});
