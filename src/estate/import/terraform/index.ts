export function importTerraform(_f: string[], _o: object): never { throw new Error('todo'); }
