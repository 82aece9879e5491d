// rules/lib/k8s-control-plane.ts: which containers run a control-plane component, and their flags as the programs
// read them (pflag forms, the last of a repeated flag, `sh -c` lines, unknown arguments).
import { strict as assert } from 'node:assert';
import { resourcesOf } from '../../server/src/formats';
import { parseFile } from '../../server/src/model/parse';
import { componentContainers, flag, flagBool, flagList, flagListItems, flagValuePart, isBooleanFlag, setFlagEdits } from '../../rules/lib/k8s-control-plane';
import { Edits } from '../../server/src/engine/edits';
import type { Node } from '../../server/src/model/tree';

function pod(containers: string): ReturnType<typeof resourcesOf>[number] {
  const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  containers:\n${containers}`;
  const [r] = resourcesOf(parseFile('pod.yaml', text));
  return r;
}

describe('k8s-control-plane', () => {
  it('reads a bare boolean followed by a true/false word as the program does (true), marks it unclear, and offers no edit for it', () => {
    const r = pod(`    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.30.0
      command:
        - kube-apiserver
        - --profiling
        - "false"
        - --anonymous-auth
        - --secure-port=6443
`);
    const [cc] = componentContainers(r);
    const profiling = flag(cc, 'profiling')!;
    assert.deepEqual([profiling.value, profiling.unclear, flagBool(profiling)], [undefined, true, true]);
    const anonymous = flag(cc, 'anonymous-auth')!;
    assert.deepEqual([anonymous.value, anonymous.unclear, flagBool(anonymous)], [undefined, undefined, true]);
    const edits = new Edits(r.file.lines);
    assert.equal(setFlagEdits(cc, edits, 'profiling', 'false'), undefined);
    const fixed = setFlagEdits(cc, edits, 'anonymous-auth', 'false');
    assert.deepEqual(fixed?.map((e) => [r.file.text.slice(e.start, e.end), e.text]), [['', '=false']]);
  });

  it('reads --name=value, --name value and a bare boolean; the last of a repeated flag wins', () => {
    const r = pod(`    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.30.0
      command:
        - /usr/local/bin/kube-apiserver
        - --anonymous-auth=true
        - --authorization-mode
        - Node,RBAC
        - --profiling
        - --anonymous-auth=false
`);
    const [cc] = componentContainers(r);
    assert.equal(cc.component, 'kube-apiserver');
    assert.equal(cc.partial, false);
    assert.deepEqual(cc.flags.map((f) => [f.name, f.value]), [
      ['anonymous-auth', 'true'],
      ['authorization-mode', 'Node,RBAC'],
      ['profiling', undefined],
      ['anonymous-auth', 'false'],
    ]);
    assert.equal(flagBool(flag(cc, 'anonymous-auth')!), false);
    assert.equal(flagBool(flag(cc, 'profiling')!), true);
    assert.deepEqual(flagList(flag(cc, 'authorization-mode')!), ['Node', 'RBAC']);
    assert.equal(flag(cc, 'token-auth-file'), undefined);
    assert.equal(componentContainers(r, 'etcd').length, 0);
  });

  it('reads flags from args when the image is the component and no command is written', () => {
    const r = pod(`    - name: etcd
      image: registry.k8s.io/etcd:3.5.12-0
      args: ["--client-cert-auth=false", "--auto-tls"]
`);
    const [cc] = componentContainers(r, 'etcd');
    assert.deepEqual(cc.flags.map((f) => [f.name, f.value]), [['client-cert-auth', 'false'], ['auto-tls', undefined]]);
  });

  it('reads a plain sh -c line, and gives up on one that is not a plain command', () => {
    const plain = pod(`    - name: s
      image: busybox
      command: ["/bin/sh", "-c", "kube-scheduler --profiling=true --bind-address=0.0.0.0"]
`);
    const [cc] = componentContainers(plain);
    assert.equal(cc.component, 'kube-scheduler');
    assert.deepEqual(cc.flags.map((f) => [f.name, f.value]), [['profiling', 'true'], ['bind-address', '0.0.0.0']]);
    const piped = pod(`    - name: s
      image: busybox
      command: ["/bin/sh", "-c", "kube-scheduler --profiling=true | tee /log"]
`);
    assert.deepEqual(componentContainers(piped), []);
  });

  it('marks $(VAR) values unknown, and ignores containers of other programs', () => {
    const r = pod(`    - name: a
      image: registry.k8s.io/kube-apiserver:v1.30.0
      command: ["kube-apiserver", "--anonymous-auth=$(ANON)"]
    - name: b
      image: nginx
      command: ["nginx", "--anonymous-auth=true"]
`);
    const all = componentContainers(r);
    assert.equal(all.length, 1);
    assert.equal(flag(all[0], 'anonymous-auth')!.known, false);
    assert.equal(flagBool(flag(all[0], 'anonymous-auth')!), undefined);
  });

  it('marks the container partial when a whole argument is a $(VAR), which may be any one flag', () => {
    const r = pod(`    - name: a
      image: registry.k8s.io/kube-apiserver:v1.30.0
      command: ["kube-apiserver", "--secure-port=6443", "$(EXTRA_FLAG)"]
`);
    const [cc] = componentContainers(r);
    assert.equal(cc.partial, true);
    assert.deepEqual(cc.flags.map((f) => [f.name, f.value]), [['secure-port', '6443']]);
    const plain = pod(`    - name: a
      image: registry.k8s.io/kube-apiserver:v1.30.0
      command: ["kube-apiserver", "--secure-port", "$(PORT)"]
`);
    const [pc] = componentContainers(plain);
    assert.equal(pc.partial, false);
    assert.equal(flag(pc, 'secure-port')!.known, false);
  });
  it('does not take the next word as the value of a boolean flag (pflag: `--anonymous-auth false` is true, then a positional `false`)', () => {
    const r = pod(`    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.30.0
      command:
        - kube-apiserver
        - --anonymous-auth
        - "false"
        - --authorization-mode
        - Node,RBAC
        - --profiling
        - "false"
`);
    const [cc] = componentContainers(r);
    assert.deepEqual(cc.flags.map((f) => [f.name, f.value]), [
      ['anonymous-auth', undefined],
      ['authorization-mode', 'Node,RBAC'],
      ['profiling', undefined],
    ]);
    assert.equal(flagBool(flag(cc, 'anonymous-auth')!), true);
    assert.equal(flagBool(flag(cc, 'profiling')!), true);
    assert.equal(cc.partial, false);
  });

  it('reads the boolean flags of each component from its own list (kubelet, etcd, controller manager)', () => {
    const kubelet = pod(`    - name: kubelet
      image: example.com/kubelet:v1.30.0
      command: ["kubelet", "--rotate-certificates", "false", "--tls-cipher-suites", "TLS_RSA_WITH_RC4_128_SHA"]
`);
    const [k] = componentContainers(kubelet, 'kubelet');
    assert.deepEqual(k.flags.map((f) => [f.name, f.value]), [
      ['rotate-certificates', undefined],
      ['tls-cipher-suites', 'TLS_RSA_WITH_RC4_128_SHA'],
    ]);
    const etcd = pod(`    - name: etcd
      image: registry.k8s.io/etcd:3.5.12-0
      command: ["etcd", "--client-cert-auth", "false", "--cipher-suites", "TLS_RSA_WITH_AES_128_CBC_SHA"]
`);
    const [e] = componentContainers(etcd, 'etcd');
    assert.deepEqual(e.flags.map((f) => [f.name, f.value]), [
      ['client-cert-auth', undefined],
      ['cipher-suites', 'TLS_RSA_WITH_AES_128_CBC_SHA'],
    ]);
    const kcm = pod(`    - name: kcm
      image: registry.k8s.io/kube-controller-manager:v1.30.0
      command: ["kube-controller-manager", "--use-service-account-credentials", "false", "--root-ca-file", "/pki/ca.crt"]
`);
    const [c] = componentContainers(kcm, 'kube-controller-manager');
    assert.deepEqual(c.flags.map((f) => [f.name, f.value]), [
      ['use-service-account-credentials', undefined],
      ['root-ca-file', '/pki/ca.crt'],
    ]);
    assert.equal(isBooleanFlag('kube-scheduler', 'leader-elect'), true);
    assert.equal(isBooleanFlag('kube-apiserver', 'leader-elect'), false);
    assert.equal(isBooleanFlag('kubelet', 'tls-cipher-suites'), false);
  });
  it('locates one item of a list flag in the file (plain, quoted, separate word), else gives the argument', () => {
    const r = pod(`    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.30.0
      command:
        - kube-apiserver
        - --tls-cipher-suites=A_1, B_2
        - "--cipher-x=C_3"
        - --tls-min-version
        - 'V13'
        - "--escaped=D\\u0041"
`);
    const [cc] = componentContainers(r);
    const text = (n: Node | { at: Node }) => {
      const node = 'span' in n ? n : n.at;
      return node.doc.text.slice(node.span[0], node.span[1]);
    };
    const suites = flag(cc, 'tls-cipher-suites')!;
    assert.deepEqual(flagListItems(suites), [
      { text: 'A_1', start: 0, end: 3 },
      { text: 'B_2', start: 5, end: 8 },
    ]);
    assert.equal(text(flagValuePart(suites, 5, 8)), 'B_2');
    assert.equal(text(flagValuePart(flag(cc, 'cipher-x')!, 0, 3)), 'C_3');
    assert.equal(text(flagValuePart(flag(cc, 'tls-min-version')!, 1, 3)), '13');
    // The string differs from its text in the file: the whole argument.
    assert.equal(flag(cc, 'escaped')!.value, 'DA');
    assert.equal(text(flagValuePart(flag(cc, 'escaped')!, 0, 1)), '"--escaped=D\\u0041"');
    const sh = pod(`    - name: s
      image: busybox
      command: ["/bin/sh", "-c", "kube-apiserver --tls-cipher-suites=A_1"]
`);
    const [sc] = componentContainers(sh);
    assert.equal(text(flagValuePart(flag(sc, 'tls-cipher-suites')!, 0, 3)), '"kube-apiserver --tls-cipher-suites=A_1"');
  });
});
