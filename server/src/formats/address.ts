// Terraform plan addresses and their instance keys (`aws_s3_bucket.b[0]`, `module.m["a"].aws_s3_bucket.b`), read in one
// pass: a regex such as /\[[^\]]*\]/g rescans to the end from each unclosed `[`, quadratic on a hostile name.

/** An address without its `[…]` instance keys: `aws_s3_bucket.b[0]` → `aws_s3_bucket.b`. An unclosed `[` stays. */
export function withoutInstanceKeys(id: string): string {
  if (!id.includes('[')) return id;
  let out = '';
  let i = 0;
  while (i < id.length) {
    const open = id.indexOf('[', i);
    if (open < 0) break;
    const close = id.indexOf(']', open + 1);
    if (close < 0) break; // no closing bracket after here: the rest stays as it is
    out += id.slice(i, open);
    i = close + 1;
  }
  return out + id.slice(i);
}

/** An address without its last instance key, when it ends with one: `aws_s3_bucket.b[0]` → `aws_s3_bucket.b`. */
export function withoutLastInstanceKey(id: string): string {
  if (!id.endsWith(']')) return id;
  // The key opens at the first `[` after the `]` before the last one (as /\[[^\]]*\]$/ matches).
  const open = id.indexOf('[', id.lastIndexOf(']', id.length - 2) + 1);
  return open >= 0 && open < id.length - 1 ? id.slice(0, open) : id;
}
