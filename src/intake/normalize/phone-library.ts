import { ParseError, parsePhoneNumberWithError } from 'libphonenumber-js/core';
import type { CountryCode } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/max/metadata';
import type { PhoneType } from './phone-plan.js';
import type { PhoneResult } from './phone.js';

const invalid = (problem: string): PhoneResult => ({ ok: false, problem });

const PARSE_PROBLEMS: Readonly<Record<string, string>> = {
  INVALID_COUNTRY: 'unknown country calling code',
  NOT_A_NUMBER: 'is not a phone number',
  TOO_SHORT: 'is too short to be a phone number',
  TOO_LONG: 'is too long to be a phone number',
};

/**
 * libphonenumber-js's verdict (max metadata) in `PhoneResult` terms: the reference every fast
 * path in phone-*.ts is tested against, and the fallback when they cannot be sure.
 */
export const parsePhoneWithLibrary = (text: string, country: CountryCode | undefined): PhoneResult => {
  try {
    const phone = parsePhoneNumberWithError(
      text,
      country === undefined ? {} : { defaultCountry: country },
      metadata,
    );
    if (!phone.isValid()) {
      return invalid(`is not a valid ${phone.country ?? `+${phone.countryCallingCode}`} number`);
    }
    const type = phone.getType()?.toLowerCase() as PhoneType | undefined;
    return {
      ok: true,
      e164: phone.number,
      ...(phone.country === undefined ? {} : { country: phone.country }),
      ...(type === undefined ? {} : { type }),
      ...(phone.ext === undefined ? {} : { extension: phone.ext }),
    };
  } catch (error) {
    if (error instanceof ParseError) return invalid(PARSE_PROBLEMS[error.message] ?? error.message);
    throw error;
  }
};
