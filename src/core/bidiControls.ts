/**
 * The bidi controls that can make one value read as another ("admin\u202Emoc.elpmaxe@bob"
 * shows as "adminbob@example.com"): the Arabic letter mark, LRM/RLM, the embeddings and
 * overrides, and the isolates. A regex character-class body, for every place that shows
 * vendor text (the panel marks them, the CLI replaces or escapes them on a terminal).
 */
export const BIDI_CONTROL_CLASS = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
