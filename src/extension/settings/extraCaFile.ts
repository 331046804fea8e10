import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { pemCertificateProblem } from '../../core/http/pemCertificates';

export type ExtraCa = { pem: string } | { problem: string };

const HOME_PREFIX = /^~(?=$|[\\/])/;

/** The file `auditLens.extraCaFile` names: a leading `~` is the home folder; nothing else is expanded. */
export function expandCaPath(setting: string, home = homedir()): string {
  return HOME_PREFIX.test(setting) ? join(home, setting.slice(1)) : setting;
}

/**
 * Reads and checks the extra CA file. Every mistake comes back as a sentence naming the
 * setting and the path, so it can be shown as it is: a missing file, a folder, a DER
 * certificate, a key or any other text.
 */
export async function loadExtraCa(setting: string, home = homedir()): Promise<ExtraCa> {
  const file = expandCaPath(setting, home);
  const say = (what: string): ExtraCa => ({ problem: `auditLens.extraCaFile: ${what}` });
  if (!isAbsolute(file)) {
    return say(`"${setting}" is not an absolute path. Give the full path of the PEM file (a leading ~ stands for your home folder; other relative paths are not expanded).`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return say(`${file} ${unreadable((error as NodeJS.ErrnoException).code)}. Give the full path of a PEM certificate file.`);
  }
  const text = bytes.toString('utf8');
  const problem = pemCertificateProblem(text);
  if (problem === undefined) return { pem: text };
  const convert = `openssl x509 -inform der -in "${file}" -out "${file}.pem"`;
  // A DER certificate is a binary ASN.1 SEQUENCE: its first byte is 0x30.
  if (bytes[0] === 0x30 && !text.includes('-----BEGIN')) {
    return say(`${file} is not a PEM certificate: it looks like a binary (DER) certificate. Convert it with ${convert} and set the setting to the .pem file.`);
  }
  return say(`${file} is not a PEM certificate: it ${problem}. Give a file with -----BEGIN CERTIFICATE----- blocks (a DER file can be converted with ${convert}).`);
}

function unreadable(code: string | undefined): string {
  switch (code) {
    case 'ENOENT': return 'does not exist';
    case 'EISDIR': return 'is a folder, not a file';
    case 'EACCES':
    case 'EPERM': return 'cannot be read (permission denied)';
    default: return `cannot be read${code ? ` (${code})` : ''}`;
  }
}
