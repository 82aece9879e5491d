// What looks like a secret in Kubernetes configuration data (CL-K8S-065): setting names that hold a secret,
// values that are a credential whatever their name, and values that only stand in for one (placeholders).
import { words } from '../kit';

/** Last words that make a setting hold a secret: `db_password`, `clientSecret`, `auth.token`. */
const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'privatekey', 'credentials', 'credential']);
/** Words that make `<word>_KEY` a secret (API_KEY, SECRET_KEY, PRIVATE_KEY …); KEY alone is too common. */
const KEY_QUALIFIERS = new Set(['api', 'private', 'access', 'secret', 'signing', 'encryption', 'master', 'auth', 'hmac', 'client', 'license']);

/**
 * True when a setting's name says it holds a secret: its last word is one of the secret words (or `PASS` after
 * another word, or `<qualifier> KEY`). A name whose last word says something about the secret (`password_file`,
 * `token_ttl`, `secretName`, `passwordEncoder`) is not one.
 */
export function secretSettingName(name: string): boolean {
  const w = words(name);
  const last = w[w.length - 1];
  if (last === undefined) return false;
  if (SECRET_WORDS.has(last)) return true;
  if (last === 'pass' && w.length > 1) return true;
  return last === 'key' && w.length > 1 && KEY_QUALIFIERS.has(w[w.length - 2]);
}

/** Values that are credentials whatever their name: what each is, and how to recognise it. */
const CREDENTIAL_VALUES: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'a private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/ },
  { what: 'an AWS access key ID', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/ },
  { what: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})\b/ },
  { what: 'a Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/ },
  { what: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { what: 'a Stripe live secret key', pattern: /\b[sr]k_live_[0-9A-Za-z]{20,}\b/ },
  { what: 'a URL with a password in it', pattern: /\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s:/@]{1,256}:[^\s@/]{1,256}@[^\s/]/i },
];

/** What a value is when it holds a credential whatever the name it is stored under, else undefined. */
export function credentialIn(value: string): string | undefined {
  for (const c of CREDENTIAL_VALUES) {
    const m = c.pattern.exec(value);
    if (!m) continue;
    // `scheme://user:${PASSWORD}@host` and `user:<password>@` are templates, not passwords.
    if (c.what.startsWith('a URL') && placeholder(m[0].slice(m[0].lastIndexOf(':', m[0].indexOf('@')) + 1, m[0].indexOf('@')))) continue;
    return c.what;
  }
  return undefined;
}

/**
 * True for values that stand in for a secret rather than hold one: empty, a reference resolved elsewhere
 * (`${DB_PASSWORD}`, `$(TOKEN)`, `{{ … }}`, `%(pw)s`, `#{…}`, `ENC(…)`, `vault:…`, `ref+…`), an obvious placeholder
 * (`<password>`, `xxxx`, `****`, `changeit`-style words are not placeholders), a switch (`true`, `none`), an
 * absolute path or a URL without credentials.
 */
export function placeholder(value: string): boolean {
  const v = value.trim().replace(/^(['"])(.*)\1$/, '$2').trim();
  if (v === '' || v === '~') return true;
  if (/\$\{|\$\(|\{\{|%\(|#\{|^\$[A-Za-z_]/.test(v)) return true;
  if (/^(?:ENC|DEC)\(|^(?:vault|ref\+|secret|sm|ssm|arn):/i.test(v)) return true;
  if (/^<[^>]*>$/.test(v) || /^[xX*•.-]+$/.test(v) || /^(?:redacted|placeholder|your[_-].*|none|null|nil|true|false|yes|no|on|off|required|optional|auto)$/i.test(v)) return true;
  if (/^\/[^\s]*$/.test(v)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i.test(v)) return true;
  return false;
}

/** One setting of a configuration file that holds a literal secret: its 1-based line in the value, name and value. */
export interface SecretSetting {
  readonly line: number;
  readonly name: string;
}

// `name = value`, `name: value`, `"name": "value"`, `export NAME=value`; the name may be dotted or quoted.
const CALL = /^[A-Za-z_$][\w.$]*\(.*\)\s*;?$/;
const SETTING_LINE = /^\s*(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*(.*?)\s*,?\s*$/;

/**
 * The settings of a configuration file (properties, .env, YAML, JSON, INI) whose names say they hold a secret and
 * whose values are literal, one per line at most. Comment lines (`#`, `;`, `//`) are skipped.
 */
export function secretSettings(text: string): SecretSetting[] {
  const out: SecretSetting[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (/^\s*(?:#|;|\/\/)/.test(line)) return;
    const m = SETTING_LINE.exec(line);
    if (!m) return;
    const [, name, raw] = m;
    // A comment after the value (linear: the first blank followed by `#`, then the blanks before it).
    const hash = raw.search(/\s#/);
    const value = hash < 0 ? raw : raw.slice(0, hash).trimEnd();
    // Nested blocks (`[`, `{`, `|`, `>`), YAML tags and aliases (`!vault |`, `*ref`) and code (`token = read();`)
    // are not literal values.
    if (!secretSettingName(name) || placeholder(value) || /^[[{|>!&*]/.test(value) || CALL.test(value)) return;
    out.push({ line: i + 1, name });
  });
  return out;
}
