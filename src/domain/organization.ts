import type { Agency, AgencyKind, AgencyPart } from '../config/agencies';
import type { AppConfig } from '../config';
import type { Audience, Permission } from '../config/roles';
import type { Person, Role } from '../kernel/people';
import { agencyIndex, resolveAgency, type NameIndex } from './names';

type OrganizationConfig = Pick<AppConfig, 'agencies' | 'agencyParts' | 'roles' | 'permissions' | 'audiences'>;

/**
 * What the county's configuration says about agencies and roles, in one place: the name of
 * agency X, whether X is a supervisor, which agency plays a part (discipline, justice…),
 * whether a person may do something, and who is told of what. No agency code or role list
 * is written anywhere else in the code.
 */
export class Organization {
  private readonly byCode: ReadonlyMap<string, Agency>;
  /** The agencies by every name they answer to. */
  readonly names: NameIndex<Agency>;

  constructor(private readonly config: OrganizationConfig) {
    this.byCode = new Map(config.agencies.map((a) => [a.code, a]));
    this.names = agencyIndex(config.agencies);
  }

  get agencies(): readonly Agency[] {
    return this.config.agencies;
  }

  agency(code: string): Agency | undefined {
    return this.byCode.get(code);
  }

  /** The full name, or the code itself for an agency no longer configured. */
  name(code: string): string {
    return this.byCode.get(code)?.name ?? code;
  }

  shortName(code: string): string {
    return this.byCode.get(code)?.shortName ?? code;
  }

  is(code: string, kind: AgencyKind): boolean {
    return this.byCode.get(code)?.kind === kind;
  }

  /** The codes of every agency of a kind, in configuration order. */
  ofKind(kind: AgencyKind): string[] {
    return this.config.agencies.filter((a) => a.kind === kind).map((a) => a.code);
  }

  /** The agency that plays a part of the mechanism (config/agencies.yaml `parts`). */
  part(part: AgencyPart): string {
    return this.config.agencyParts[part];
  }

  /**
   * An agency by any name people type for it (src/domain/names): code, full or short name, alias, a
   * part only it has; otherwise a NameRefusal that asks (您指的是 / 您是不是要找, with buttons).
   */
  resolve(text: string): Agency {
    return resolveAgency(this.names, text);
  }

  /** Every agency named in a longer text, e.g. a question (longest names first: 县纪委监委 is not also 纪委). */
  mentioned(text: string): Agency[] {
    return this.names.mentions(text).map((e) => e.value);
  }

  roleName(code: string): string {
    return this.config.roles.find((r) => r.code === code)?.name ?? code;
  }

  /** Whether a person's roles allow a purpose (config/roles.yaml `permissions`). */
  may(person: Pick<Person, 'roles'>, permission: Permission): boolean {
    return this.rolesFor(permission).some((role) => person.roles.includes(role));
  }

  rolesFor(permission: Permission): readonly Role[] {
    return this.config.permissions[permission];
  }

  /** The roles told of something within the agency concerned (config/roles.yaml `audiences`). */
  audience(audience: Audience): readonly Role[] {
    return this.config.audiences[audience];
  }
}
