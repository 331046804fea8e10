import { X509Certificate } from 'node:crypto';

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * Why text is not a PEM certificate list, or undefined when it holds at least one
 * certificate and every certificate block parses. Node's TLS silently ignores anything
 * else given as a CA, so a wrong file would only show later as an unverified server.
 * The wording never quotes the text: a mistaken file may hold a private key.
 */
export function pemCertificateProblem(text: string): string | undefined {
  const blocks = text.match(CERTIFICATE_BLOCK) ?? [];
  if (blocks.length === 0) {
    return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)
      ? 'holds a private key, not a certificate'
      : 'holds no PEM certificate (no -----BEGIN CERTIFICATE----- block)';
  }
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch {
      return `has a damaged certificate (block ${index + 1} of ${blocks.length} does not parse)`;
    }
  }
  return undefined;
}
