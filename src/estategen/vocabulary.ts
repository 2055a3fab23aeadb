/** Words generated estates are made of: API names and the resources their routes serve. */

export const API_NAMES = [
  'orders', 'payments', 'inventory', 'shipping', 'billing', 'catalog', 'customers', 'invoices',
  'reports', 'ledger', 'pricing', 'returns', 'accounts', 'loyalty', 'search', 'notifications',
] as const;

export const RESOURCES = [
  'orders', 'items', 'customers', 'invoices', 'payments', 'refunds', 'shipments', 'carriers',
  'products', 'prices', 'discounts', 'carts', 'addresses', 'stores', 'suppliers', 'warehouses',
  'stock', 'returns', 'subscriptions', 'plans', 'users', 'teams', 'audits', 'exports',
] as const;

/** The routes one resource gets, in the order an API grows them. */
export const RESOURCE_ROUTES = [
  'GET /{r}', 'POST /{r}', 'GET /{r}/{id}', 'PUT /{r}/{id}', 'DELETE /{r}/{id}', 'GET /{r}/{id}/history', 'PATCH /{r}/{id}',
] as const;

export const ALPHANUMERIC_LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const ALPHANUMERIC_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** 'orders' → 'Orders', 'orders-2' → 'Orders2' (IAM names, Gherkin role words). */
export function pascal(name: string): string {
  return name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** The i-th name of a vocabulary, numbered once the words run out: orders, …, orders-2, … */
export function nth(words: readonly string[], i: number): string {
  const word = words[i % words.length]!;
  const round = Math.floor(i / words.length);
  return round === 0 ? word : `${word}-${round + 1}`;
}
