// CL-AWS-044: an EKS managed node group with an SSH key and no source security groups (SSH open to the world).
import { cfnDoc, type CheckContext, choices, defineRule, isMissingBlock, nist, pci, type Resource, tfDoc, under } from '../../kit';

function check(block: string, keyAttr: string, sourcesAttr: string) {
  return (r: Resource, ctx: CheckContext) => {
    for (const remote of r.body.get(block).list()) {
      for (const c of choices([remote.get(keyAttr), remote.get(sourcesAttr)])) {
        const [key, sources] = c.parts;
        // The key may be known only at deploy time: SSH is still on. An unknown source list may restrict it.
        if (key.isAbsent || sources.isUnknown || !isMissingBlock(sources)) continue;
        if (key.str() === '') continue;
        ctx.report(under(key, c.when, r), `EKS node group ${r.id} sets ${keyAttr} without ${sourcesAttr}, so EKS opens port 22 on its nodes to the internet (0.0.0.0/0).`);
      }
    }
  };
}

export default defineRule({
  id: 'CL-AWS-044',
  slug: 'eks-nodegroup-ssh-open',
  title: 'EKS node group opens SSH to the internet',
  severity: 'high',
  fixable: false,
  description:
    'When a managed node group gets an EC2 SSH key but no source security groups, EKS opens port 22 on every worker node to 0.0.0.0/0, exposing SSH on all nodes to the internet.',
  remediation: 'List the security groups allowed to reach SSH in SourceSecurityGroups (source_security_group_ids), or drop RemoteAccess and use AWS Systems Manager Session Manager.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'network',
    provider: 'AWS runs the control plane and launches and updates managed node groups',
    customer: 'remote access to your worker nodes is your decision',
  },
  frameworks: [nist('AC-17', 'SC-7'), pci('1.3.1')],
  equivalents: {
    checkov: ['CKV_AWS_100'],
    kics: ['73d59e76-a12c-4b74-a3d8-d3e1e19c25b3', 'ba40ace1-a047-483c-8a8d-bc2d3a67a82d'],
  },
  docs: [
    'https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html',
    cfnDoc('aws-properties-eks-nodegroup-remoteaccess'),
    tfDoc('eks_node_group', 'remote_access-configuration-block'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::EKS::Nodegroup'], run: check('RemoteAccess', 'Ec2SshKey', 'SourceSecurityGroups') },
    terraform: { reads: 'resource', types: ['aws_eks_node_group'], run: check('remote_access', 'ec2_ssh_key', 'source_security_group_ids') },
  },
});
