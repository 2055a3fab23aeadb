/** Is this host name or address the local machine only (localhost, ::1, 127.0.0.0/8)? */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
