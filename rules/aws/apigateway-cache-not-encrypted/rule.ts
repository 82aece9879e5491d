// CL-AWS-149: API Gateway stages that cache responses without encrypting the cache.
import { AT_REST, blocks, cfnGuideDoc, defineRule, keyNode, type Resource, type SettingItem, settingChecks, tfDoc, type Val } from '../../kit';

/** Method settings (or stage descriptions) that turn caching on: only those need their cache encrypted. */
function caching(list: Val[], enabled: string, r: Resource, where: string, prefix: (i: number) => string): SettingItem[] {
  const out: SettingItem[] = [];
  list.forEach((m, i) => {
    if (!m.get(enabled).each().some((v) => v.isTrue())) return;
    out.push({ val: m, named: `${where} ${r.id}`, prefix: prefix(i), anchor: keyNode(m, enabled) });
  });
  return out;
}

function cloudformation(r: Resource): SettingItem[] {
  if (r.type === 'AWS::ApiGateway::Stage') return caching(blocks(r.body, 'MethodSettings'), 'CachingEnabled', r, 'API Gateway stage', (i) => `MethodSettings[${i}].`);
  if (r.type === 'AWS::Serverless::Api') return caching(blocks(r.body, 'MethodSettings'), 'CachingEnabled', r, 'Serverless API', (i) => `MethodSettings[${i}].`);
  const out: SettingItem[] = [];
  for (const d of blocks(r.body, 'StageDescription')) {
    out.push(...caching([d], 'CachingEnabled', r, 'API Gateway deployment', () => 'StageDescription.'));
    out.push(...caching(blocks(d, 'MethodSettings'), 'CachingEnabled', r, 'API Gateway deployment', (i) => `StageDescription.MethodSettings[${i}].`));
  }
  return out;
}

function terraform(r: Resource): SettingItem[] {
  return caching(blocks(r.body, 'settings'), 'caching_enabled', r, 'API Gateway method settings', () => 'settings.');
}

export default defineRule({
  id: 'CL-AWS-149',
  slug: 'apigateway-cache-not-encrypted',
  title: 'API Gateway cache is not encrypted',
  severity: 'medium',
  fixable: true,
  description:
    'A REST API stage that caches responses keeps them in a dedicated cache cluster for their time to live. Unless the method settings set CacheDataEncrypted, cached responses, which may hold personal or business data returned to clients, are stored unencrypted.',
  remediation: 'Set CacheDataEncrypted (cache_data_encrypted) to true wherever CachingEnabled (caching_enabled) is true.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the cache cluster of the stage and encrypts cached responses when the method settings ask for it',
    customer: 'asking for cache encryption where you turn caching on is yours',
  },
  frameworks: AT_REST,
  equivalents: {
    checkov: ['CKV_AWS_308'],
    kics: ['37cca703-b74c-48ba-ac81-595b53398e9b', 'b7c9a40c-23e4-4a2d-8d39-a3352f10f288'],
    trivy: ['aws-api-gateway-enable-cache-encryption', 'aws-apigateway-enable-cache-encryption', 'aws-sam-enable-api-cache-encryption'],
    cfnNag: ['W87'],
  },
  docs: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html',
    cfnGuideDoc('aws-properties-apigateway-stage-methodsetting', 'cfn-apigateway-stage-methodsetting-cachedataencrypted'),
    tfDoc('api_gateway_method_settings', 'cache_data_encrypted'),
  ],
  checks: settingChecks({
    subject: 'API Gateway stage',
    consequence: 'so the responses it caches are stored unencrypted',
    want: true,
    absentMeans: false,
    formats: {
      cloudformation: { types: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment', 'AWS::Serverless::Api'], path: ['CacheDataEncrypted'], each: cloudformation },
      terraform: { types: ['aws_api_gateway_method_settings'], path: ['cache_data_encrypted'], each: terraform },
    },
  }),
});
