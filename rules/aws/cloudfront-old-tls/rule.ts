// CL-AWS-042: a CloudFront distribution accepts viewer connections below TLS 1.2.
import {
  addUnder,
  cfnDoc,
  type CheckContext,
  defineRule,
  findReachable,
  isMissingBlock,
  keyNode,
  nodeUnder,
  reachable,
  type Resource,
  tfDoc,
  TLS_VERSIONS,
  type Val,
} from '../../kit';

/** Security policies (MinimumProtocolVersion) below TLSv1.2_2018. */
const OLD = new Set(['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016']);

/** The policy CloudFront recommends: TLS 1.2 and 1.3 with strong ciphers. */
const RECOMMENDED = 'TLSv1.2_2021';

interface Names {
  readonly certificate: string;
  readonly defaultCert: string;
  readonly minimum: string;
  readonly customCerts: readonly string[];
  /** True when a custom certificate without a minimum version gets TLSv1 (the Terraform provider's default). */
  readonly defaultTlsV1: boolean;
  readonly enabled: string;
}

const CFN: Names = {
  certificate: 'ViewerCertificate',
  defaultCert: 'CloudFrontDefaultCertificate',
  minimum: 'MinimumProtocolVersion',
  customCerts: ['AcmCertificateArn', 'IamCertificateId'],
  defaultTlsV1: false,
  enabled: 'Enabled',
};
const TF: Names = {
  certificate: 'viewer_certificate',
  defaultCert: 'cloudfront_default_certificate',
  minimum: 'minimum_protocol_version',
  customCerts: ['acm_certificate_arn', 'iam_certificate_id'],
  defaultTlsV1: true,
  enabled: 'enabled',
};

function check(n: Names, config: (r: Resource) => Val) {
  return (r: Resource, ctx: CheckContext) => {
    for (const dc of reachable(config(r))) {
      if (dc.isUnknown || dc.isAbsent) continue;
      // A disabled distribution accepts no viewer connections.
      if (dc.get(n.enabled).isFalse()) continue;
      const certVal = dc.get(n.certificate);
      if (certVal.isUnknown) continue;
      if (isMissingBlock(certVal)) {
        // No ViewerCertificate: the distribution uses the *.cloudfront.net certificate, whose policy is TLSv1.
        ctx.report(dc.when.length ? nodeUnder(r.anchor, dc.when, r) : r.anchor, `Distribution ${r.id} sets no ${n.certificate}, so it uses the default CloudFront certificate, which accepts TLS 1.0 and 1.1.`);
        continue;
      }
      for (const cert of certVal.list()) {
        // A certificate of your own as well (a conflicting, rejected configuration): the default certificate's
        // TLSv1 policy cannot be assumed, so the minimum version written is what is judged.
        const ownCert = n.customCerts.some((c) => cert.get(c).some((v) => v.isUnknown || (v.str() ?? '').trim() !== ''));
        const def = ownCert ? undefined : findReachable(cert.get(n.defaultCert), (v) => v.isTrue());
        if (def) {
          ctx.report(def, `Distribution ${r.id} uses the default CloudFront certificate (${n.defaultCert}), which accepts TLS 1.0 and 1.1 whatever ${n.minimum} says.`);
          continue;
        }
        const minimum = cert.get(n.minimum);
        const old = findReachable(minimum, (v) => v.str() !== undefined && OLD.has(v.str()!.trim()));
        if (old) {
          ctx.report(old, `Distribution ${r.id} sets ${n.minimum} to ${old.str()!.trim()}, which accepts protocols older than TLS 1.2.`, {
            fix: { title: `Set ${n.minimum} to ${RECOMMENDED}`, caution: 'viewers need TLS 1.2', edits: ctx.edits.setValue(old, RECOMMENDED) },
          });
          continue;
        }
        const custom = n.customCerts.some((c) => cert.get(c).str() !== undefined || cert.get(c).isUnknown);
        if (n.defaultTlsV1 && minimum.isAbsent && custom && !cert.get(n.defaultCert).isUnknown) {
          const at = keyNode(r.body, n.certificate) ?? r.anchor;
          ctx.report(at, `Distribution ${r.id} sets no ${n.minimum}, so it defaults to TLSv1, which accepts TLS 1.0 and 1.1.`, {
            fix: { title: `Add ${n.minimum}: ${RECOMMENDED}`, caution: 'viewers need TLS 1.2', edits: dc.when.length ? undefined : addUnder(ctx.edits, cert, [n.minimum], RECOMMENDED) },
          });
        }
      }
    }
  };
}

export default defineRule({
  id: 'CL-AWS-042',
  slug: 'cloudfront-old-tls',
  title: 'CloudFront distribution accepts TLS older than 1.2',
  severity: 'low',
  fixable: true,
  description:
    'A distribution whose viewer security policy is below TLSv1.2_2018 (SSLv3, TLSv1, TLSv1_2016, TLSv1.1_2016), or that uses the default *.cloudfront.net certificate, lets viewers negotiate deprecated TLS 1.0/1.1 (even SSLv3) and weak cipher suites.',
  remediation: 'Serve the distribution under your own domain with an ACM certificate and set MinimumProtocolVersion (minimum_protocol_version) to TLSv1.2_2021 or newer.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the edge network, terminates TLS and maintains the security policies',
    customer: 'which security policy your distribution uses is your decision',
  },
  frameworks: TLS_VERSIONS,
  equivalents: {
    checkov: ['CKV_AWS_174'],
    kics: ['dc17ee4b-ddf2-4e23-96e8-7a36abad1303', '00e5e55e-c2ff-46b3-a757-a7a1cd802456', '5c0003fb-9aa0-42c1-9da3-eb0e332bef21', '3a1e94df-6847-4c0e-a3b6-6c6af4e128ef', 'be96849c-3df6-49c2-bc16-778a7be2519c', 'b4d9c12b-bfba-4aeb-9cb8-2358546d8041'],
    trivy: ['aws-cloudfront-use-secure-tls-policy'],
    cfnNag: ['W70'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html',
    cfnDoc('aws-properties-cloudfront-distribution-viewercertificate'),
    tfDoc('cloudfront_distribution', 'viewer-certificate-arguments'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::CloudFront::Distribution'], run: check(CFN, (r) => r.body.get('DistributionConfig')) },
    terraform: { reads: 'resource', types: ['aws_cloudfront_distribution'], run: check(TF, (r) => r.body) },
  },
});
