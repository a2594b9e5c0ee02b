// The camera family's user groups. Below both the HTTP layer (which enforces them) and the
// user database (which stores them).

/** Groups of the camera family, weakest first. */
export type Role = 'viewer' | 'operator' | 'admin';
export const ROLE_RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
