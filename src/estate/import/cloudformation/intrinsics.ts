/**
 * CloudFormation's intrinsic functions, condition functions and pseudo parameters,
 * evaluated the way CloudFormation does at deploy time, as far as a template can tell.
 * What only a deploy knows (a resource's physical id, an unmodelled attribute, an
 * import nobody exported) becomes a named placeholder, never a crash; a function
 * CloudFormation does not have is an error naming the file and JSON path.
 * Reference: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
import { UserError } from '../../../util/userError.ts';
import { escapePointer } from '../sourceFile.ts';

/** AWS::NoValue: removes the property or list item it stands in. */
export const NO_VALUE = Symbol('AWS::NoValue');

export interface Resolver {
  file: string;
  /** A Ref to a parameter, pseudo parameter or resource (undefined → unknown name). */
  ref(name: string, path: string): unknown;
  getAtt(logicalId: string, attribute: string, path: string): unknown;
  importValue(name: string, path: string): unknown;
  condition(name: string, path: string): boolean;
  findInMap(map: string, top: string, second: string, path: string): unknown;
  /** A value only a deploy knows, as a placeholder string. */
  unknown(what: string, path: string): string;
  region: string;
}

/** The short-form YAML tags and the long forms they stand for. */
export const SHORT_FORM_TAGS = [
  '!Ref', '!Condition', '!Sub', '!GetAtt', '!Join', '!If', '!Select', '!Split', '!FindInMap', '!Equals', '!Not', '!And', '!Or',
  '!Base64', '!Cidr', '!GetAZs', '!ImportValue', '!Transform', '!Length', '!ToJsonString',
];

/** `!Ref x` → `{Ref: x}`, `!GetAtt a.b` → `{"Fn::GetAtt": ["a", "b"]}`, `!X v` → `{"Fn::X": v}`. */
export function shortFormToLong(tag: string, value: unknown): unknown {
  const name = tag.slice(1);
  if (name === 'Ref' || name === 'Condition') return typeof value === 'string' ? { [name]: value } : undefined;
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return dot === -1 ? undefined : { 'Fn::GetAtt': [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}

const FUNCTIONS = new Set([
  'Fn::Base64', 'Fn::Cidr', 'Fn::FindInMap', 'Fn::GetAtt', 'Fn::GetAZs', 'Fn::ImportValue', 'Fn::Join', 'Fn::Select', 'Fn::Split', 'Fn::Sub',
  'Fn::If', 'Fn::Equals', 'Fn::Not', 'Fn::And', 'Fn::Or', 'Fn::Transform', 'Fn::Length', 'Fn::ToJsonString',
]);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export class TemplateEvaluator {
  constructor(private readonly r: Resolver) {}

  private fail(path: string, message: string): never {
    throw new UserError(`${this.r.file}: ${path || '/'}: ${message}`);
  }

  private str(v: unknown, path: string, what: string): string {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.fail(path, `${what} must be a string, not ${v === NO_VALUE ? 'AWS::NoValue' : (JSON.stringify(v)?.slice(0, 80) ?? String(v))}`);
  }

  private list(v: unknown, path: string, what: string): unknown[] {
    if (Array.isArray(v)) return v;
    if (typeof v === 'string' && v.startsWith('{{')) return [v];
    this.fail(path, `${what} must be a list`);
  }

  /** Evaluate a value; NO_VALUE members of objects and lists are dropped. */
  value(v: unknown, path: string): unknown {
    if (Array.isArray(v)) {
      return v.map((item, i) => this.value(item, `${path}/${i}`)).filter((x) => x !== NO_VALUE);
    }
    if (!isPlainObject(v)) return v;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const key = keys[0]!;
      const arg = v[key];
      const at = `${path}/${escapePointer(key)}`;
      if (key === 'Ref') return this.ref(arg, at);
      if (key === 'Condition' && typeof arg === 'string') return this.r.condition(arg, at);
      if (key.startsWith('Fn::')) {
        if (!FUNCTIONS.has(key)) this.fail(at, `${key} is not a CloudFormation intrinsic function`);
        return this.fn(key, arg, at);
      }
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const x = this.value(v[k], `${path}/${escapePointer(k)}`);
      if (x !== NO_VALUE) out[k] = x;
    }
    return out;
  }

  /** A value that must be a string once evaluated. */
  string(v: unknown, path: string, what = 'the value'): string {
    return this.str(this.value(v, path), path, what);
  }

  private ref(arg: unknown, path: string): unknown {
    if (typeof arg !== 'string') this.fail(path, 'Ref takes a logical id or parameter name');
    if (arg === 'AWS::NoValue') return NO_VALUE;
    return this.r.ref(arg, path);
  }

  condition(v: unknown, path: string): boolean {
    const x = this.value(v, path);
    if (typeof x === 'boolean') return x;
    if (x === 'true' || x === 'false') return x === 'true';
    this.fail(path, `a condition must evaluate to true or false, not ${JSON.stringify(x)?.slice(0, 80)}`);
  }

  private fn(name: string, arg: unknown, path: string): unknown {
    switch (name) {
      case 'Fn::GetAtt': {
        let parts: unknown[];
        if (typeof arg === 'string') parts = [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)];
        else parts = this.list(arg, path, 'Fn::GetAtt');
        if (parts.length !== 2) this.fail(path, 'Fn::GetAtt takes [logicalId, attribute]');
        return this.r.getAtt(this.str(parts[0], `${path}/0`, 'the logical id'), this.string(parts[1], `${path}/1`, 'the attribute'), path);
      }
      case 'Fn::Join': {
        const [delim, items] = this.list(arg, path, 'Fn::Join');
        const list = this.list(this.value(items, `${path}/1`), `${path}/1`, 'the values of Fn::Join');
        return list.map((x, i) => this.str(x, `${path}/1/${i}`, 'a joined value')).join(this.str(delim, `${path}/0`, 'the delimiter'));
      }
      case 'Fn::Sub': return this.sub(arg, path);
      case 'Fn::Select': {
        const [index, items] = this.list(arg, path, 'Fn::Select');
        const i = Number(this.value(index, `${path}/0`));
        const list = this.list(this.value(items, `${path}/1`), `${path}/1`, 'the values of Fn::Select');
        if (!Number.isInteger(i) || i < 0) this.fail(`${path}/0`, 'Fn::Select takes a whole-number index');
        if (list.length === 1 && typeof list[0] === 'string' && list[0].startsWith('{{')) return this.r.unknown(`element ${i} of ${list[0]}`, path);
        if (i >= list.length) this.fail(path, `Fn::Select index ${i} is out of range (${list.length} values)`);
        return list[i];
      }
      case 'Fn::Split': {
        const [delim, source] = this.list(arg, path, 'Fn::Split');
        return this.string(source, `${path}/1`).split(this.str(delim, `${path}/0`, 'the delimiter'));
      }
      case 'Fn::FindInMap': {
        const parts = this.list(arg, path, 'Fn::FindInMap');
        const [m, top, second] = parts.slice(0, 3).map((p, i) => this.string(p, `${path}/${i}`, 'a map key'));
        const found = this.r.findInMap(m!, top!, second!, path);
        if (found !== undefined) return found;
        const fallback = parts[3];
        if (isPlainObject(fallback) && 'DefaultValue' in fallback) return this.value(fallback.DefaultValue, `${path}/3/DefaultValue`);
        this.fail(path, `Fn::FindInMap: the mapping has no ${m}/${top}/${second}`);
      }
      // eslint-disable-next-line no-fallthrough
      case 'Fn::If': {
        const [cond, whenTrue, whenFalse] = this.list(arg, path, 'Fn::If');
        const chosen = this.r.condition(this.str(cond, `${path}/0`, 'the condition name'), `${path}/0`);
        return chosen ? this.value(whenTrue, `${path}/1`) : this.value(whenFalse, `${path}/2`);
      }
      case 'Fn::Equals': {
        const [a, b] = this.list(arg, path, 'Fn::Equals');
        return JSON.stringify(this.value(a, `${path}/0`)) === JSON.stringify(this.value(b, `${path}/1`));
      }
      case 'Fn::Not': return !this.condition(this.list(arg, path, 'Fn::Not')[0], `${path}/0`);
      case 'Fn::And': return this.list(arg, path, 'Fn::And').every((c, i) => this.condition(c, `${path}/${i}`));
      case 'Fn::Or': return this.list(arg, path, 'Fn::Or').some((c, i) => this.condition(c, `${path}/${i}`));
      case 'Fn::Base64': return Buffer.from(this.string(arg, path), 'utf8').toString('base64');
      case 'Fn::GetAZs': {
        const region = this.string(arg, path) || this.r.region;
        return ['a', 'b', 'c'].map((z) => `${region}${z}`);
      }
      case 'Fn::ImportValue': return this.r.importValue(this.string(arg, path, 'the export name'), path);
      case 'Fn::Length': {
        const x = this.value(arg, path);
        return Array.isArray(x) ? x.length : this.r.unknown('a list length', path);
      }
      case 'Fn::ToJsonString': return JSON.stringify(this.value(arg, path));
      case 'Fn::Cidr': return this.r.unknown('Fn::Cidr address blocks', path);
      case 'Fn::Transform': return this.r.unknown('the output of a macro (Fn::Transform)', path);
      default: this.fail(path, `${name} is not a CloudFormation intrinsic function`);
    }
  }

  /** Fn::Sub: `${Name}`, `${Logical.Attribute}`, `${!Literal}`; with or without a variable map. */
  private sub(arg: unknown, path: string): string {
    let template: string;
    let vars: Record<string, unknown> = {};
    if (typeof arg === 'string') template = arg;
    else {
      const [t, m] = this.list(arg, path, 'Fn::Sub');
      template = this.str(t, `${path}/0`, 'the Fn::Sub string');
      if (m !== undefined) {
        if (!isPlainObject(m)) this.fail(`${path}/1`, 'the Fn::Sub variables must be a map');
        vars = m;
      }
    }
    return template.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      if (name in vars) return this.string(vars[name], `${path}/1/${escapePointer(name)}`);
      const dot = name.indexOf('.');
      if (dot !== -1 && !name.startsWith('AWS::')) return this.str(this.r.getAtt(name.slice(0, dot), name.slice(dot + 1), path), path, `\${${name}}`);
      const v = this.r.ref(name, path);
      if (v === NO_VALUE) return '';
      return this.str(v, path, whole);
    });
  }
}
