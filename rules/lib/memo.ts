// Facts about a resource (or a container) that several rules read: worked out once per lint, however many ask.

/**
 * `read`, remembered per key object. Resources (and the containers read from them) are made anew by every lint, so
 * an entry lives as long as that lint's resources and is never reused after an edit.
 */
export function perKey<K extends object, V>(read: (key: K) => V): (key: K) => V {
  const done = new WeakMap<K, V>();
  return (key) => {
    let value = done.get(key);
    if (value === undefined && !done.has(key)) {
      value = read(key);
      done.set(key, value);
    }
    return value as V;
  };
}

/**
 * `read`, remembered per string: for pure functions of a policy's text (which table entries an action pattern
 * matches), asked again for every resource and rule that holds the same text. The memory is bounded: past `limit`
 * strings it starts again, so a long editor session over many files cannot grow it without end.
 */
export function perText<V>(read: (text: string) => V, limit = 4096): (text: string) => V {
  let done = new Map<string, V>();
  return (text) => {
    let value = done.get(text);
    if (value === undefined && !done.has(text)) {
      value = read(text);
      if (done.size >= limit) done = new Map();
      done.set(text, value);
    }
    return value as V;
  };
}
