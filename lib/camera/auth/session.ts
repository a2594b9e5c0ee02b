// Per-client authentication state: which scheme the camera wants and, for Digest, the
// nonce in use. The first request goes out bare (or with Basic when forced); the 401's
// challenges are read, the best one is chosen (Digest SHA-256 > Digest MD5 > Basic)
// and the request is retried once. After that every request authenticates
// pre-emptively; a 401 with `stale=true` or a new nonce replaces the nonce and retries.

import { basicAuthorization } from './basic.ts';
import { describeChallenge, parseChallenges, type Challenge } from './challenge.ts';
import { DigestSession, readDigestChallenge, type DigestChallenge } from './digest.ts';

export type AuthMode = 'auto' | 'basic' | 'digest' | 'none';

export interface Credentials {
  user: string;
  password: string;
}

/** What was sent with a request, so a 401 can be judged against it. */
export interface SentAuth {
  header: string | undefined;
  scheme?: 'basic' | 'digest';
  nonce?: string;
}

export interface ChallengeVerdict {
  retry: boolean;
  /** Why no retry, for the error message (never contains credentials). */
  reason?: string;
}

const RANK: Record<DigestChallenge['algorithm'], number> = {
  'SHA-256': 4,
  'SHA-256-sess': 3,
  'MD5': 2,
  'MD5-sess': 1,
};

type Choice = { scheme: 'basic' } | { scheme: 'digest'; digest: DigestChallenge };

/** The best usable challenge for a mode, or why there is none. */
export function chooseChallenge(challenges: Challenge[], mode: AuthMode): Choice | string {
  let best: { scheme: 'digest'; digest: DigestChallenge } | undefined;
  const unusable: string[] = [];
  let basic = false;
  for (const ch of challenges) {
    const scheme = ch.scheme.toLowerCase();
    if (scheme === 'basic') {
      basic = true;
    } else if (scheme === 'digest') {
      const d = readDigestChallenge(ch);
      if (typeof d === 'string') unusable.push(d);
      else if (!best || RANK[d.algorithm] > RANK[best.digest.algorithm]) best = { scheme: 'digest', digest: d };
    }
  }
  if (mode !== 'basic' && best) return best;
  if (mode !== 'digest' && basic) return { scheme: 'basic' };
  const offered = challenges.map(describeChallenge).join(', ') || 'no challenge';
  const wanted = mode === 'auto' ? 'Digest or Basic' : mode === 'digest' ? 'Digest' : 'Basic';
  return `camera offered no usable ${wanted} challenge (offered: ${offered}${unusable.length ? `; ${unusable.join('; ')}` : ''})`;
}

export class AuthSession {
  private scheme: 'basic' | 'digest' | undefined;
  private digest: DigestSession | undefined;

  /** The Authorization header for a request, pre-emptive when a scheme is known. */
  authorize(method: string, uri: string, creds: Credentials | undefined, mode: AuthMode): SentAuth {
    if (mode === 'none' || !creds) return { header: undefined };
    if (mode === 'basic' || (mode === 'auto' && this.scheme === 'basic')) {
      return { header: basicAuthorization(creds.user, creds.password), scheme: 'basic' };
    }
    if (this.digest && (mode === 'auto' || mode === 'digest')) {
      return {
        header: this.digest.authorize(method, uri, creds.user, creds.password),
        scheme: 'digest',
        nonce: this.digest.challenge.nonce,
      };
    }
    return { header: undefined };
  }

  /** True once a scheme is known, i.e. the next request will carry credentials. */
  get primed(): boolean {
    return this.scheme !== undefined;
  }

  /** Reads a 401's challenges; says whether a retry with what was learnt can succeed. */
  onUnauthorized(
    wwwAuthenticate: string | string[] | undefined,
    sent: SentAuth,
    creds: Credentials | undefined,
    mode: AuthMode,
  ): ChallengeVerdict {
    if (mode === 'none') return { retry: false, reason: 'request sent without credentials (auth: none)' };
    if (!creds) return { retry: false, reason: 'no credentials configured' };
    let challenges: Challenge[];
    try {
      challenges = parseChallenges(wwwAuthenticate);
    } catch (err) {
      return { retry: false, reason: (err as Error).message };
    }
    const choice = chooseChallenge(challenges, mode);
    if (typeof choice === 'string') return { retry: false, reason: choice };
    if (choice.scheme === 'basic') {
      if (sent.scheme === 'basic') return { retry: false, reason: 'credentials rejected (Basic)' };
      this.scheme = 'basic';
      this.digest = undefined;
      return { retry: true };
    }
    const d = choice.digest;
    // Same nonce, not stale, and we did answer it: the password (or user) is wrong.
    if (sent.scheme === 'digest' && sent.nonce === d.nonce && !d.stale) {
      return { retry: false, reason: 'credentials rejected (Digest)' };
    }
    this.scheme = 'digest';
    this.digest = new DigestSession(d);
    return { retry: true };
  }

  /** Forgets the scheme and nonce (e.g. after a reboot the camera's nonces are gone). */
  reset(): void {
    this.scheme = undefined;
    this.digest = undefined;
  }
}
