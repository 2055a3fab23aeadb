export async function importAws(_o: object): Promise<never> { throw new Error('todo'); }
