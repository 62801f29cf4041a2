// The Digital Bazaar libraries ship no type declarations; these are the few calls this module makes.
declare module '@digitalbazaar/vc' {
  export function issue(opts: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: DocumentLoader;
    now?: Date;
  }): Promise<Record<string, any>>;
  export function verifyCredential(opts: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: DocumentLoader;
    now?: Date;
    checkStatus?: unknown;
    purpose?: unknown;
  }): Promise<{ verified: boolean; error?: any; results?: any[] }>;
  export function _checkCredential(opts: { credential: Record<string, unknown>; now?: Date }): void;
  export function verify(opts: Record<string, unknown>): Promise<{ verified: boolean; error?: any; results?: any[] }>;
  type DocumentLoader = (url: string) => Promise<{ contextUrl: string | null; documentUrl: string; document: unknown }>;
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(opts: { signer?: unknown; cryptosuite: unknown; date?: Date | string });
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown;
}
declare module '@digitalbazaar/ed25519-multikey' {
  export interface KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): { algorithm: string; id: string; sign(o: { data: Uint8Array }): Promise<Uint8Array> };
    export(o: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, any>>;
  }
  export function generate(o?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<KeyPair>;
  export function from(o: Record<string, unknown>): Promise<KeyPair>;
}
declare module '@digitalbazaar/bitstring' {
  export class Bitstring {
    constructor(o: { length?: number; buffer?: Uint8Array; leftToRightIndexing?: boolean });
    set(position: number, on: boolean): void;
    get(position: number): boolean;
    encodeBits(): Promise<string>;
    static decodeBits(o: { encoded: string }): Promise<Uint8Array>;
  }
}
declare module 'base58-universal' {
  export function decode(input: string): Uint8Array;
  export function encode(input: Uint8Array): string;
}
declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(opts?: { signer?: unknown; key?: unknown; date?: Date | string });
    static CONTEXT_URL: string;
    static CONTEXT: unknown;
  }
}
declare module 'jsonld-signatures' {
  const jsigs: { purposes: { AssertionProofPurpose: new (opts?: { date?: Date; maxTimestampDelta?: number; controller?: unknown }) => unknown } };
  export default jsigs;
}
