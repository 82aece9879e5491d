// The bundled catalogue: every rule folder under rules/ and the responsibility data, as generated into rules/index.ts.
import { RULES, SERVICES } from '../../../rules/index';
import { Catalogue } from './catalogue';

let instance: Catalogue | undefined;

/** The catalogue built from the bundled rules (built once). */
export function defaultCatalogue(): Catalogue {
  instance ??= new Catalogue(RULES, SERVICES);
  return instance;
}
