// The common ways to write an extension, a subset of libphonenumber-js's extension pattern
// (helpers/extension/createExtensionPattern.js) that splits the same way: "x87", "ext. 42",
// "ext 42", "#12". Anything else ("extn", "anexo", ";ext=", "~") is left to the library.
const EXTENSION = /^(.*\d)[ \u00a0]*(?:ext\.?|x|#)[ \u00a0]*(\d{1,9})$/i;

/** A number split from its extension. */
export interface PhoneWithExtension {
  readonly number: string;
  readonly extension: string;
}

/**
 * Splits "+44 20 7946 0958 x87" into the number and "87" as libphonenumber-js would; returns
 * `undefined` when the text has no extension in one of the common forms.
 */
export const splitPhoneExtension = (text: string): PhoneWithExtension | undefined => {
  const match = EXTENSION.exec(text);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { number: match[1], extension: match[2] };
};
