import { escapeControls, plainBounded, quoteText } from '../engine/quoting.ts';

/*
 * What the command line says about bad input: one line, bounded, and nothing a terminal would
 * act on. Messages quote values with the engine's quoting (at most ~80 characters each); this is
 * the last guard at the point of writing, for whatever a message still carries (a file name with
 * escape codes, a V8 message with a newline).
 */

/** The longest line the CLI writes to stderr; messages are far shorter, this only bounds accidents. */
export const MAX_MESSAGE_CHARS = 500;

/** A message as one stderr line: control characters escaped, at most MAX_MESSAGE_CHARS characters. */
export function oneLine(message: string): string {
  const text = escapeControls(message);
  return text.length <= MAX_MESSAGE_CHARS ? text : plainBounded(text, MAX_MESSAGE_CHARS);
}

/** A command-line argument in a message: quoted, escaped, cut short. */
export function quoteArg(arg: string): string {
  return quoteText(arg);
}

/** A file name in a message, unquoted as a shell would show it, but escaped and cut short. */
export function fileName(path: string): string {
  return plainBounded(path);
}
