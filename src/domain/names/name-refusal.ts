import { Refusal } from '../errors';

/**
 * A name that did not resolve to one thing. `choices` are the names to offer (您是不是要找 / 您指的是):
 * the dispatcher and the wizard runner turn each into a button that repeats the message with it
 * in place of `typed` (src/domain/names/choice-buttons.ts).
 */
export class NameRefusal extends Refusal {
  override name = 'NameRefusal';

  constructor(
    message: string,
    readonly typed: string,
    readonly choices: readonly string[],
  ) {
    super(message);
  }
}

/**
 * The buttons of a NameRefusal for the message that caused it: the message with the typed name
 * replaced by each choice, or — when the message was the name alone (a wizard's answer) — each choice.
 */
export function choiceButtons(refusal: NameRefusal, message: string): string[] {
  const typed = refusal.typed.trim();
  const at = typed ? message.indexOf(typed) : -1;
  if (at < 0 || message.trim() === typed) return [...refusal.choices];
  return refusal.choices.map((choice) => `${message.slice(0, at)}${choice}${message.slice(at + typed.length)}`);
}
