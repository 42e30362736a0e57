import type { Agency, AgencyKind, AgencyPart } from '../config/agencies';
import type { AppConfig } from '../config';
import type { Audience, Permission } from '../config/roles';
import type { Person, Role } from '../kernel/people';
import { Refusal } from './errors';
import { Visibility } from './visibility/visibility';

type OrganizationConfig = Pick<AppConfig, 'agencies' | 'agencyParts' | 'roles' | 'permissions' | 'audiences' | 'visibility'>;

/**
 * What the county's configuration says about agencies and roles, in one place: the name of
 * agency X, whether X is a supervisor, which agency plays a part (discipline, justice…),
 * whether a person may do something, and who is told of what. No agency code or role list
 * is written anywhere else in the code.
 */
export class Organization {
  private readonly byCode: ReadonlyMap<string, Agency>;
  /** Who sees which items (config/visibility.yaml): the one policy every view, list, count and export asks. */
  readonly visibility: Visibility;

  constructor(private readonly config: OrganizationConfig) {
    this.byCode = new Map(config.agencies.map((a) => [a.code, a]));
    this.visibility = new Visibility(config.visibility, this);
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

  /** An agency by code, full name or short name, or by a part of its name that only it contains. */
  resolve(text: string): Agency {
    const wanted = text.trim();
    const exact = this.config.agencies.find((a) => a.code === wanted.toLowerCase() || a.name === wanted || a.shortName === wanted);
    if (exact) return exact;
    const partial = wanted ? this.config.agencies.filter((a) => a.name.includes(wanted)) : [];
    if (partial.length === 1) return partial[0]!;
    const hint = partial.length > 1 ? `「${wanted}」可指多个单位：${partial.map((a) => `${a.name}（${a.code}）`).join('、')}。` : `找不到单位「${wanted}」。`;
    throw new Refusal(`${hint}请用单位代码或全称，例如 nyncj 或 县农业农村局。`);
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
