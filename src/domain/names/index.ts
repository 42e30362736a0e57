/**
 * The one name resolver: agencies, units, people and document kinds by the names people type
 * (full names, short names, aliases declared in config, typos), with 您是不是要找 / 您指的是 choices.
 */
export { NameIndex, normalizeName, editDistance, type NamedEntry, type NameMatch } from './name-index';
export { NameRefusal, choiceButtons } from './name-refusal';
export { resolveName, resolveAgency, resolvePerson, agencyIndex, type NameKind } from './names';
