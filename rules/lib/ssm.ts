// Knowledge about Systems Manager documents shared by the Session Manager rules (CL-AWS-249, CL-AWS-250).
import { isOneOf, jsonDocuments, type Resource, type Val } from '../kit';

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
