// Plans read only what the configuration writes: an attribute it does not write is absent, as in `*.tf.json`,
// whatever the planned values or after_unknown hold; count/for_each instances and module resources find their
// configuration by address without instance keys; nested blocks are pruned item by item; a planned block the
// configuration does not show is kept (a dynamic block is not in a plan's configuration), and so is a wholly unknown
// one the provider never computes (a dynamic block whose for_each is known after apply; test/unit/plan-dynamic.test.ts).
import { strict as assert } from 'node:assert';
import { resourcesOf } from '../../server/src/formats';
import { parseFile } from '../../server/src/model/parse';

const plan = (planned: object[], changes: object[], configured: object[]) =>
  JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: planned } }, resource_changes: changes, configuration: { root_module: { resources: configured } } });

describe('plans: what the configuration writes', () => {
  it('count instances: each instance reads the configuration of its resource', () => {
    const text = plan(
      [0, 1].map((i) => ({ address: `aws_db_instance.db[${i}]`, mode: 'managed', type: 'aws_db_instance', name: 'db', index: i, values: { storage_encrypted: false, publicly_accessible: true, engine: 'postgres' } })),
      [0, 1].map((i) => ({ address: `aws_db_instance.db[${i}]`, change: { after_unknown: { kms_key_id: true, arn: true } } })),
      [{ address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', expressions: { engine: { constant_value: 'postgres' }, publicly_accessible: { references: ['var.public'] }, kms_key_id: { references: ['aws_kms_key.k.arn'] } } }],
    );
    for (const r of resourcesOf(parseFile('plan.json', text))) {
      assert.ok(r.body.get('storage_encrypted').isAbsent, 'a provider default is not written');
      assert.ok(r.body.get('arn').isAbsent, 'known after apply, written nowhere');
      assert.ok(r.body.get('publicly_accessible').isTrue(), 'written as a reference, known in the plan');
      assert.ok(r.body.get('kms_key_id').isUnknown, 'written as a reference, known after apply');
      assert.equal(r.body.get('engine').str(), 'postgres');
    }
  });

  it('nested blocks the configuration writes are pruned item by item; a planned block it does not show is kept', () => {
    const text = plan(
      [{ address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', values: { bucket: 'b', versioning: [{ enabled: false, mfa_delete: false }], logging: [{ target_bucket: 'logs' }] } }],
      [],
      [{ address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', expressions: { bucket: { constant_value: 'b' }, versioning: [{ enabled: { constant_value: false } }] } }],
    );
    const [r] = resourcesOf(parseFile('plan.json', text));
    const v = r.body.get('versioning').list()[0];
    assert.ok(v.get('enabled').isFalse());
    assert.ok(v.get('mfa_delete').isAbsent);
    // `logging` could be a dynamic block, which a plan's configuration leaves out: its planned value stays.
    assert.equal(r.body.get('logging').list()[0].get('target_bucket').str(), 'logs');
  });

  it('wholly unknown and not written: a block only the user writes is unknown (a dynamic block), anything else absent', () => {
    const text = plan(
      [{ address: 'aws_lb.web', mode: 'managed', type: 'aws_lb', name: 'web', values: { name: 'web', subnet_mapping: [] } }],
      [{ address: 'aws_lb.web', change: { actions: ['create'], after_unknown: { access_logs: true, subnet_mapping: [], arn: true, security_groups: true } } }],
      [{ address: 'aws_lb.web', mode: 'managed', type: 'aws_lb', name: 'web', expressions: { name: { constant_value: 'web' } } }],
    );
    const [r] = resourcesOf(parseFile('plan.json', text));
    assert.ok(r.body.get('access_logs').isUnknown, 'the provider never computes access_logs: a dynamic block made it unknown');
    assert.ok(r.body.get('subnet_mapping').isAbsent, 'known and empty: no block');
    assert.ok(r.body.get('arn').isAbsent, 'computed attribute');
    assert.ok(r.body.get('security_groups').isAbsent, 'Optional+Computed attribute: the provider default');
    // A required block (aws_api_gateway_method_settings settings) is never the provider's either.
    const settings = plan(
      [{ address: 'aws_api_gateway_method_settings.all', mode: 'managed', type: 'aws_api_gateway_method_settings', name: 'all', values: { method_path: '*/*' } }],
      [{ address: 'aws_api_gateway_method_settings.all', change: { actions: ['create'], after_unknown: { settings: true } } }],
      [{ address: 'aws_api_gateway_method_settings.all', mode: 'managed', type: 'aws_api_gateway_method_settings', name: 'all', expressions: { method_path: { constant_value: '*/*' } } }],
    );
    assert.ok(resourcesOf(parseFile('plan.json', settings))[0].body.get('settings').isUnknown);
  });

  it('a nested block only the user writes, wholly unknown inside a written block, is unknown', () => {
    const expressions = { name: { constant_value: 'w' }, configuration: [{ result_configuration: [{ output_location: { constant_value: 's3://results/' } }] }] };
    const text = (unknown: object) =>
      plan(
        [{ address: 'aws_athena_workgroup.w', mode: 'managed', type: 'aws_athena_workgroup', name: 'w', values: { name: 'w', configuration: [{ enforce_workgroup_configuration: true, result_configuration: [{ output_location: 's3://results/' }] }] } }],
        [{ address: 'aws_athena_workgroup.w', change: { actions: ['create'], after_unknown: { configuration: [{ result_configuration: [unknown] }] } } }],
        [{ address: 'aws_athena_workgroup.w', mode: 'managed', type: 'aws_athena_workgroup', name: 'w', expressions }],
      );
    const result = (t: string) => resourcesOf(parseFile('plan.json', t))[0].body.get('configuration').list()[0].get('result_configuration').list()[0];
    assert.ok(result(text({ encryption_configuration: true })).get('encryption_configuration').isUnknown, 'a dynamic block with an unknown for_each');
    assert.ok(result(text({ acl_configuration: true })).get('acl_configuration').isAbsent, 'not listed: absent');
    assert.ok(result(text({ encryption_configuration: true })).get('output_location').str() === 's3://results/');
    assert.ok(resourcesOf(parseFile('plan.json', text({ encryption_configuration: true })))[0].body.get('configuration').list()[0].get('enforce_workgroup_configuration').isAbsent, 'a provider default');
  });

  it('a plan without configuration reads the planned values as they are', () => {
    const text = JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [{ address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', values: { storage_encrypted: false } }] } } });
    const [r] = resourcesOf(parseFile('plan.json', text));
    assert.ok(r.body.get('storage_encrypted').isFalse());
  });
});
