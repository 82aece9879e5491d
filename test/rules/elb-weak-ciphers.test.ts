// CL-AWS-269: which Classic Load Balancer cipher attributes are weak, by the algorithms their names spell.
import { strict as assert } from 'node:assert';
import { weakness } from '../../rules/aws/elb-weak-ciphers/rule';

describe('CL-AWS-269 elb-weak-ciphers: weak cipher names', () => {
  it('names the weakness of RC4, DES, 3DES, NULL, export and MD5 suites, in OpenSSL and IANA spelling', () => {
    const cases: [string, string][] = [
      ['RC4-SHA', 'RC4'],
      ['ECDHE-RSA-RC4-SHA', 'RC4'],
      ['TLS_RSA_ARCFOUR_128_SHA1', 'RC4'],
      ['DES-CBC3-SHA', '3DES (64-bit blocks)'],
      ['EDH-RSA-DES-CBC3-SHA', '3DES (64-bit blocks)'],
      ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', '3DES (64-bit blocks)'],
      ['DES-CBC-SHA', 'single DES'],
      ['EXP-RC4-MD5', 'export-grade keys'],
      ['EXP-EDH-RSA-DES-CBC-SHA', 'export-grade keys'],
      ['EXP1024-DES-CBC-SHA', 'export-grade keys'],
      ['TLS_RSA_NULL_SHA1', 'no encryption (NULL)'],
      ['TLS_DHE_PSK_WITH_NULL_SHA256', 'no encryption (NULL)'],
      ['RC4-MD5', 'RC4'],
      ['PSK-AES128-CBC-MD5', 'MD5'],
    ];
    for (const [name, weak] of cases) assert.equal(weakness(name), weak, name);
  });

  it('leaves strong suites, protocols and options alone', () => {
    for (const name of [
      'ECDHE-RSA-AES128-GCM-SHA256',
      'ECDHE-ECDSA-AES256-SHA384',
      'DHE-RSA-AES256-SHA',
      'AES128-SHA',
      'TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384',
      'CAMELLIA256-SHA',
      'Protocol-TLSv1',
      'Protocol-SSLv3',
      'Server-Defined-Cipher-Order',
      'Reference-Security-Policy',
    ]) assert.equal(weakness(name), undefined, name);
  });
});
