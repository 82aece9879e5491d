// Validates a GitLab SAST report against the fields GitLab documents (fixtures/gitlab-sast: ours, not GitLab's schema file).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';

export function validateGitlabSast(report: unknown): void {
  const schema = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'gitlab-sast', 'sast-report-15.0-fields.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
}
