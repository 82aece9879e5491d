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
