/**
 * Routes of an HTTP API defined by an OpenAPI document (CloudFormation's Body, Terraform's
 * body), as API Gateway imports them: each path and method is a route ('x-amazon-apigateway-any-method'
 * is ANY); a security requirement naming a scheme with 'x-amazon-apigateway-authtype: awsSigv4'
 * makes it AWS_IAM, one with an 'x-amazon-apigateway-authorizer' of type jwt JWT, of type
 * request CUSTOM; none, NONE.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html
 */
import { parse as parseYaml } from 'yaml';
import type { EstateRoute } from '../types.ts';

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** The document from an object or a JSON/YAML string; undefined when it is neither. */
export function openApiDocument(body: unknown): Obj | undefined {
  if (isObj(body)) return body;
  if (typeof body !== 'string' || !body.trim()) return undefined;
  try {
    const v = parseYaml(body) as unknown; // YAML is a superset of JSON
    return isObj(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function openApiRoutes(doc: Obj): EstateRoute[] {
  const schemes = (isObj(doc.components) && isObj((doc.components as Obj).securitySchemes) ? (doc.components as Obj).securitySchemes : isObj(doc.securityDefinitions) ? doc.securityDefinitions : {}) as Obj;
  const typeOf = (requirement: unknown): EstateRoute['authorizationType'] => {
    const reqs = Array.isArray(requirement) ? requirement : [];
    for (const r of reqs) {
      if (!isObj(r)) continue;
      for (const name of Object.keys(r)) {
        const s = schemes[name];
        if (!isObj(s)) continue;
        if (String(s['x-amazon-apigateway-authtype'] ?? '').toLowerCase() === 'awssigv4') return 'AWS_IAM';
        const authorizer = s['x-amazon-apigateway-authorizer'];
        if (isObj(authorizer)) return String(authorizer.type).toLowerCase() === 'jwt' ? 'JWT' : 'CUSTOM';
      }
    }
    return 'NONE';
  };
  const routes: EstateRoute[] = [];
  const paths = isObj(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    const ops: [string, unknown][] = METHODS.filter((m) => item[m] !== undefined).map((m) => [m.toUpperCase(), item[m]]);
    if (item['x-amazon-apigateway-any-method'] !== undefined) ops.push(['ANY', item['x-amazon-apigateway-any-method']]);
    for (const [method, op] of ops) {
      const security = isObj(op) && op.security !== undefined ? op.security : doc.security;
      routes.push({ routeKey: path === '$default' ? '$default' : `${method} ${path}`, authorizationType: typeOf(security) });
    }
  }
  return routes;
}
