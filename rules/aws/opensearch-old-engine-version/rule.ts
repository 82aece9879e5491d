// CL-AWS-097: an OpenSearch Service domain on an engine version past the end of standard support.
import { cfnGuideDoc, type CheckContext, defineRule, PATCHING, type Resource } from '../../kit';
import { AS_OF, openSearchEngineEnded, versionText } from '../../lib/versions';

/**
 * The newest version of the same major version that AWS supports, which a domain upgrades to in place (AWS's
 * upgrade paths allow any later minor version of the same major version); none for Elasticsearch 5.x and older.
 */
const SAME_MAJOR: Readonly<Record<string, string>> = {
  Elasticsearch_6: 'Elasticsearch_6.8',
  Elasticsearch_7: 'Elasticsearch_7.10',
  OpenSearch_1: 'OpenSearch_1.3',
  OpenSearch_2: 'OpenSearch_2.19',
};

function check(key: string) {
  return (r: Resource, ctx: CheckContext) => {
    // An absent EngineVersion means the latest OpenSearch version; nothing to report.
    for (const alt of r.body.get(key).each()) {
      const text = versionText(alt);
      const ended = text === undefined ? undefined : openSearchEngineEnded(text);
      if (!ended) continue;
      const [engine, version] = ended.name.split('_');
      const next = SAME_MAJOR[`${engine}_${version.split('.')[0]}`];
      // AWS::Elasticsearch::Domain and aws_elasticsearch_domain write the bare version (`7.10`).
      const value = next && (/^\d/.test(text!.trim()) ? next.split('_')[1] : next);
      ctx.report(alt, `OpenSearch Service domain ${r.id} runs ${engine} ${version}, whose standard support ended on ${ended.date}.`, {
        fix: value ? { title: `Set ${key} to ${value}`, caution: 'an in-place upgrade: take a snapshot first', edits: ctx.edits.setValue(alt, value) } : undefined,
      });
      return;
    }
  };
}

export default defineRule({
  id: 'CL-AWS-097',
  slug: 'opensearch-old-engine-version',
  title: 'OpenSearch Service domain runs an engine version past end of standard support',
  severity: 'medium',
  fixable: true,
  description: `Amazon OpenSearch Service ended standard support for Elasticsearch 1.5 to 7.8 (except 6.8) and OpenSearch 1.0 to 1.2 and 2.3 to 2.9 on 2025-11-07. After that these versions get only critical security fixes, under paid extended support, for a limited time. Dates are checked as of ${AS_OF}.`,
  remediation: 'Upgrade the domain in place to a supported version (Elasticsearch 6.8/7.10 as a stepping stone, then OpenSearch 2.x or later) and update EngineVersion to match.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'patching-and-versions',
    provider: 'AWS runs and patches the domain nodes and supplies service software updates for supported engine versions',
    customer: 'choosing the engine version and upgrading the domain before its support ends is yours',
  },
  frameworks: PATCHING,
  equivalents: {},
  docs: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/what-is.html#choosing-version',
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/version-migration.html',
    cfnGuideDoc('aws-resource-opensearchservice-domain', 'cfn-opensearchservice-domain-engineversion'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
      run(r, ctx) {
        check(r.type === 'AWS::Elasticsearch::Domain' ? 'ElasticsearchVersion' : 'EngineVersion')(r, ctx);
      },
    },
    terraform: {
      reads: 'resource',
      types: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
      run(r, ctx) {
        check(r.type === 'aws_elasticsearch_domain' ? 'elasticsearch_version' : 'engine_version')(r, ctx);
      },
    },
  },
});
