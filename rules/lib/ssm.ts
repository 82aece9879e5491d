// Knowledge about Systems Manager documents shared by the Session Manager rules (CL-AWS-249, CL-AWS-250).
import { isOneOf, jsonDocuments, keyNode, type Node, reachable, type Resource, type Val } from '../kit';

/**
 * The Session Manager preferences a document holds: the JSON content of a `Session` document whose `sessionType` is
 * `Standard_Stream` (or not written). A document type or content not known before deploy, or YAML text, gives nothing.
 */
export function sessionPreferences(r: Resource): Val[] {
  const cfn = r.format === 'cloudformation';
  if (!r.body.get(cfn ? 'DocumentType' : 'document_type').each().some((t) => isOneOf(t, 'Session'))) return [];
  return jsonDocuments(r.body.get(cfn ? 'Content' : 'content'), r).filter((doc) => {
    if (!doc.isMap) return false;
    const type = doc.get('sessionType');
    return type.isAbsent || type.each().some((t) => isOneOf(t, 'Standard_Stream'));
  });
}

/** One alternative of the `inputs` of a document's Session Manager preferences, with where to report about it. */
export interface SessionInputs {
  /** The preferences (the document's JSON content). */
  readonly doc: Val;
  /** `inputs`: a known value or absent (an unknown alternative is left out). */
  readonly inputs: Val;
  /** The document's `Content` key: where a finding about something missing goes when nothing nearer is written. */
  readonly contentKey: Node;
}

/** Every known (or absent) alternative of the `inputs` of each Session Manager preferences document `r` holds. */
export function* sessionInputs(r: Resource): Generator<SessionInputs> {
  const contentKey = keyNode(r.body, r.format === 'cloudformation' ? 'Content' : 'content') ?? r.anchor;
  for (const doc of sessionPreferences(r)) {
    for (const inputs of reachable(doc.get('inputs'))) if (!inputs.isUnknown) yield { doc, inputs, contentKey };
  }
}
