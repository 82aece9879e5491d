// rules/lib/k8s-secrets.ts: which setting names hold a secret, which values are credentials or placeholders, and
// which lines of a configuration file CL-K8S-065 reports.
import { strict as assert } from 'node:assert';
import { credentialIn, placeholder, secretSettingName, secretSettings } from '../../rules/lib/k8s-secrets';

describe('k8s-secrets', () => {
  it('names: the last word decides', () => {
    for (const n of ['DB_PASSWORD', 'password', 'clientSecret', 'spring.datasource.password', 'api_key', 'SECRET_KEY', 'auth-token', 'db_pass', 'PRIVATE_KEY'])
      assert.ok(secretSettingName(n), n);
    for (const n of ['PASSWORD_FILE', 'token_ttl', 'secretName', 'passwordEncoder', 'KEY', 'pass', 'primary_key', 'TOKEN_URL', 'monkey'])
      assert.ok(!secretSettingName(n), n);
  });

  it('values: credentials by their shape', () => {
    assert.equal(credentialIn('-----BEGIN RSA PRIVATE KEY-----\nMIIE…'), 'a private key');
    assert.equal(credentialIn('AKIAIOSFODNN7EXAMPLE'), 'an AWS access key ID');
    assert.equal(credentialIn('postgres://app:s3cret@db:5432/app'), 'a URL with a password in it');
    assert.equal(credentialIn('postgres://app:${DB_PASSWORD}@db:5432/app'), undefined);
    assert.equal(credentialIn('https://vault.example.com:8200'), undefined);
    assert.equal(credentialIn('-----BEGIN CERTIFICATE-----'), undefined);
  });

  it('placeholders are not secrets', () => {
    for (const v of ['', '""', '${DB_PASSWORD}', '$(TOKEN)', '{{ .Values.pw }}', 'ENC(abc)', 'vault:secret/data/db#password', '<password>', '****', 'none', 'true', '/run/secrets/pw', 'https://example.com'])
      assert.ok(placeholder(v), v);
    for (const v of ['hunter2', 'changeme', "'s3cr3t'", '12345678']) assert.ok(!placeholder(v), v);
  });

  it('configuration files: literal values of secret-named settings, by line', () => {
    const text = [
      '# password=in-a-comment',
      'spring.datasource.username=app',
      'spring.datasource.password=hunter2',
      'jwt.secret=${JWT_SECRET}',
      '  "apiToken": "abc123",',
      'token = readToken();',
      'password: !vault |',
    ].join('\n');
    assert.deepEqual(secretSettings(text), [
      { line: 3, name: 'spring.datasource.password' },
      { line: 5, name: 'apiToken' },
    ]);
  });
});
