// CL-AWS-254: a load balancer listener serves a certificate stored in IAM (an IAM server certificate) instead of
// one from AWS Certificate Manager.
import { cfnDoc, type CheckContext, defineRule, IN_TRANSIT, reachable, type Resource, tfDoc, type Val } from '../../kit';

/** `arn:<partition>:iam::<account>:server-certificate/<path/>name`: an IAM server certificate. */
const IAM_SERVER_CERTIFICATE = /^arn:aws[a-z-]*:iam::[0-9]{12}:server-certificate\/(?:.*\/)?([^/]+)$/;

/** The certificate name an IAM server certificate ARN ends with, or undefined for anything else (ACM, unknown). */
function iamCertificateName(v: Val): string | undefined {
  return IAM_SERVER_CERTIFICATE.exec(v.str()?.trim() ?? '')?.[1];
}

/** The certificate values of a resource, each with how messages name the listener that serves it. */
interface CertificateSpot {
  readonly value: Val;
  readonly listener: string;
}

/** Every reachable item of a list (a list under `Fn::If`, a Terraform block list). */
function items(v: Val): Val[] {
  return reachable(v).flatMap((list) => list.list());
}

function port(item: Val, key: string): string {
  const p = item.get(key).str();
  return p === undefined ? '' : ` on port ${p}`;
}

function spots(r: Resource): CertificateSpot[] {
  switch (r.type) {
    case 'AWS::ElasticLoadBalancing::LoadBalancer':
      return items(r.body.get('Listeners')).map((l) => ({
        value: l.get('SSLCertificateId'),
        listener: `Classic Load Balancer ${r.id} has a listener${port(l, 'LoadBalancerPort')} that`,
      }));
    case 'aws_elb':
      return items(r.body.get('listener')).map((l) => ({
        value: l.get('ssl_certificate_id'),
        listener: `Classic Load Balancer ${r.id} has a listener${port(l, 'lb_port')} that`,
      }));
    case 'AWS::ElasticLoadBalancingV2::Listener':
      return items(r.body.get('Certificates')).map((c) => ({ value: c.get('CertificateArn'), listener: `Listener ${r.id}` }));
    case 'AWS::ElasticLoadBalancingV2::ListenerCertificate':
      return items(r.body.get('Certificates')).map((c) => ({ value: c.get('CertificateArn'), listener: `Listener certificate ${r.id}` }));
    case 'aws_lb_listener':
    case 'aws_alb_listener':
      return [{ value: r.body.get('certificate_arn'), listener: `Listener ${r.id}` }];
    default: // aws_lb_listener_certificate
      return [{ value: r.body.get('certificate_arn'), listener: `Listener certificate ${r.id}` }];
  }
}

function check(r: Resource, ctx: CheckContext): void {
  for (const spot of spots(r)) {
    for (const alt of reachable(spot.value)) {
      const name = iamCertificateName(alt);
      if (name === undefined) continue;
      ctx.report(alt, `${spot.listener} serves the IAM server certificate ${name} instead of an AWS Certificate Manager certificate, so nothing renews it before it expires.`);
    }
  }
}

export default defineRule({
  id: 'CL-AWS-254',
  slug: 'elb-iam-server-certificate',
  title: 'Load balancer listener uses an IAM server certificate instead of ACM',
  severity: 'low',
  fixable: false,
  description:
    'An IAM server certificate is a certificate and private key you obtained elsewhere and uploaded to IAM: nothing renews it, so it expires unless someone replaces it in time, and its private key has passed through your own hands. AWS recommends AWS Certificate Manager, which issues, stores and renews certificates for load balancers, and IAM only in Regions without ACM.',
  remediation: 'Serve a certificate from AWS Certificate Manager (an ACM certificate ARN) on the listener, and delete the IAM server certificate once nothing uses it.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the load balancers and, for ACM certificates, issues, stores and renews them',
    customer: 'which certificate a listener serves, and renewing one you imported, is yours',
  },
  frameworks: IN_TRANSIT,
  equivalents: { checkov: ['CKV_AWS_127'] },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/https-listener-certificates.html',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/ssl-server-cert.html',
    cfnDoc('aws-resource-elasticloadbalancingv2-listener'),
    cfnDoc('aws-resource-elasticloadbalancingv2-listenercertificate'),
    cfnDoc('aws-properties-ec2-elb-listener'),
    tfDoc('elb', 'listener'),
    tfDoc('lb_listener', 'certificate_arn'),
    tfDoc('lb_listener_certificate'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::ElasticLoadBalancing::LoadBalancer', 'AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::ListenerCertificate'],
      run: check,
    },
    terraform: { reads: 'resource', types: ['aws_elb', 'aws_lb_listener', 'aws_alb_listener', 'aws_lb_listener_certificate'], run: check },
  },
});
