// HTTP Basic (RFC 7617): `Basic base64(user ":" password)`, UTF-8 encoded. Only ever
// sent when the camera asked for it or the caller forced it: it exposes the password
// to anyone on the wire.

export function basicAuthorization(user: string, password: string): string {
  // RFC 7617 §2: the user-id cannot contain a colon, the password can.
  if (user.includes(':')) throw new Error('Basic auth: the user name cannot contain ":"');
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
