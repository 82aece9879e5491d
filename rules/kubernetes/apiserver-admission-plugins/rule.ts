// CL-K8S-089: the API server runs without admission plugins that guard nodes, namespaces, service accounts and pod
// security, or with AlwaysAdmit.
import { cisK8s, defineRule, nist, nsaK8s, type CheckContext, type Resource } from '../../kit';
import { componentLabel, flag, flagList, type ComponentContainer, controlPlaneResponsibility, setFlagEdits, controlPlaneCheck } from '../../lib/k8s-control-plane';

const NODE_RESTRICTION = 'so a kubelet may modify the Node objects of other nodes and the pods bound to them';
const NODE_RESTRICTION_CAUTION = 'a kubelet may then change only its own Node object and the pods bound to it, and set no node-restriction.kubernetes.io/ labels';

/** Plugins on by default whose disabling opens a hole, and what it opens. PodSecurity is 1.23+. */
const DEFAULT_ON: readonly { readonly plugin: string; readonly consequence: string; readonly since?: string }[] = [
  {
    plugin: 'NamespaceLifecycle',
    consequence: 'so objects may be created in namespaces that do not exist or are being deleted, and the default, kube-system and kube-public namespaces may be deleted',
  },
  {
    plugin: 'ServiceAccount',
    consequence: 'so a pod may name a service account that does not exist, and the mountable-secrets restriction of a service account (kubernetes.io/enforce-mountable-secrets) is not enforced',
  },
  {
    plugin: 'PodSecurity',
    consequence: 'so the Pod Security Standards that namespaces ask for with pod-security.kubernetes.io/enforce labels are not enforced',
    since: '1.23',
  },
];

function checkContainer(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  const label = componentLabel(cc, r);
  // `--admission-control` (deprecated since 1.10) is the whole ordered list: what it leaves out is off.
  const legacy = flag(cc, 'admission-control');
  const enable = flag(cc, 'enable-admission-plugins');
  const disable = flag(cc, 'disable-admission-plugins');
  const legacyList = legacy && flagList(legacy);
  const enabled = enable && flagList(enable);
  const disabled = disable && flagList(disable);

  for (const [f, list] of [[legacy, legacyList], [enable, enabled]] as const) {
    if (f && list?.includes('AlwaysAdmit')) {
      ctx.report(f.at, `${label} enables the AlwaysAdmit admission plugin (--${f.name}), which is deprecated and admits every request: admission then rests on the other plugins alone.`, {
        severity: 'low',
      });
    }
  }

  // NodeRestriction is not on by default: it must be in one of the lists.
  const hasNodeRestriction = !!(legacyList?.includes('NodeRestriction') || enabled?.includes('NodeRestriction'));
  const unknown = (legacy && !legacyList) || (enable && !enabled);
  if (!hasNodeRestriction && !unknown && !disabled?.includes('NodeRestriction')) {
    const at = enable ?? legacy;
    // The fix adds NodeRestriction to --enable-admission-plugins (written or new); a legacy --admission-control list
    // is left to the user (it replaces the defaults, and the two lists combine).
    const plugins = enabled ? [...enabled, 'NodeRestriction'].join(',') : 'NodeRestriction';
    const edits = legacy ? undefined : setFlagEdits(cc, ctx.edits, 'enable-admission-plugins', plugins);
    const fix = { fix: { title: 'Add NodeRestriction to --enable-admission-plugins', edits, caution: NODE_RESTRICTION_CAUTION } };
    if (at) ctx.report(at.at, `${label} sets --${at.name}=${at.value} without NodeRestriction, ${NODE_RESTRICTION}.`, fix);
    else if (!cc.partial) ctx.report(cc.anchor, `${label} does not set --enable-admission-plugins, and NodeRestriction is off by default, ${NODE_RESTRICTION}.`, fix);
  } else if (disabled?.includes('NodeRestriction') && disable) {
    ctx.report(disable.at, `${label} disables the NodeRestriction admission plugin (--disable-admission-plugins), ${NODE_RESTRICTION}.`);
  }

  for (const { plugin, consequence, since } of DEFAULT_ON) {
    if (disable && disabled?.includes(plugin)) {
      ctx.report(disable.at, `${label} disables the ${plugin} admission plugin (--disable-admission-plugins), ${consequence}.`);
    } else if (legacy && legacyList && !since && !legacyList.includes(plugin) && !enabled?.includes(plugin)) {
      ctx.report(legacy.at, `${label} sets --admission-control=${legacy.value}, a list that replaces the defaults and leaves out ${plugin}, ${consequence}.`);
    }
  }
}

export default defineRule({
  id: 'CL-K8S-089',
  slug: 'apiserver-admission-plugins',
  title: 'API server runs without security admission plugins',
  severity: 'medium',
  fixable: true,
  description:
    'Admission plugins enforce rules no authorization can express: NodeRestriction limits each kubelet to its own Node and pods (it is not on by default), NamespaceLifecycle protects the system namespaces and refuses objects in deleted ones, ServiceAccount checks the service account a pod names, PodSecurity enforces the Pod Security Standards of each namespace. Without them a compromised node or a careless request reaches further than RBAC suggests.',
  remediation:
    'Start kube-apiserver with --enable-admission-plugins=NodeRestriction (kubeadm does), leave NamespaceLifecycle, ServiceAccount and PodSecurity out of --disable-admission-plugins, and do not enable AlwaysAdmit.',
  responsibility: controlPlaneResponsibility('identity-and-access', 'the admission plugins of the API servers you run are yours'),
  frameworks: [cisK8s('1.2.10', '1.2.12', '1.2.13', '1.2.14'), nsaK8s('Authentication and authorization'), nist('AC-3', 'CM-7')],
  equivalents: {
    kics: [
      'ce30e584-b33f-4c7d-b418-a3d7027f8f60',
      '33fc6923-6553-4fe6-9d3a-4efa51eb874b',
      '9587c890-0524-40c2-9ce2-663af7c2f063',
      '1ffe7bf7-563b-4b3d-a71d-ba6bd8d49b37',
    ],
    checkov: ['CKV_K8S_79', 'CKV_K8S_82', 'CKV_K8S_83', 'CKV_K8S_85'],
    trivy: ['AVD-KCV-0011', 'AVD-KCV-0014', 'AVD-KCV-0015', 'AVD-KCV-0016'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/',
    'https://kubernetes.io/docs/reference/access-authn-authz/node/',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/',
  ],
  checks: {
    kubernetes: controlPlaneCheck({ components: ['kube-apiserver'], container: checkContainer }),
  },
});
