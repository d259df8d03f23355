import type { Seniority } from '../../domain/lead.js';
import { normalizeTitle } from '../../intake/normalize/title.js';
import { spanOf, type Authority, type Extraction, type UnderstandContext } from './understanding.js';

const APPROVER = String.raw`(?:my |our |the )?(boss|manager|ceo|cfo|cto|cio|coo|cmo|cro|vp(?: of \w+)?|head of \w+|director|owner|founder|co-?founder|board|finance(?: team)?|procurement|legal|management|partner|president|md|managing director|gm|general manager)`;

// Someone else decides: "my boss signs off", "the CFO approves", "need approval from finance".
const OTHERS_DECIDE: readonly RegExp[] = [
  new RegExp(
    String.raw`\b${APPROVER}\s+(?:(?:he|she|they)\s+)?(?:has to |needs to |must |will |would |should |to )?(?:sign(?:s|ed)? off|approves?|decides?|has the (?:final )?say|makes? the (?:final )?(?:call|decision)|signs?|okays?|ok'?s|needs to approve|gives? the green light)`,
    'i',
  ),
  new RegExp(String.raw`\b(?:approval|sign[- ]?off|ok|okay|green light) (?:from|by) ${APPROVER}`, 'i'),
  new RegExp(String.raw`\b(?:check|run it|talk|speak) (?:with|by|past) ${APPROVER}`, 'i'),
  new RegExp(String.raw`\b(?:it'?s|its|it is) (?:up to|for) ${APPROVER}(?: to decide)?`, 'i'),
  new RegExp(String.raw`\b${APPROVER} (?:is|will be) the (?:decision[- ]maker|one who decides|buyer)`, 'i'),
  /\bnot (?:the|a) decision[- ]maker\b|\b(?:i|me) (?:don'?t|do not|can'?t|cannot) (?:decide|sign|approve)\b/i,
];
// A group decides.
const COMMITTEE =
  /\b(?:committee|steering group|buying group|board decides|(?:the |our )?(?:team|we) (?:decides?|decide together|will decide|vote)|(?:joint|group|team|shared) decision|several (?:people|stakeholders)|(?:multiple|many|a few|few) (?:stakeholders|people) (?:involved|decide)|together with (?:my|our) \w+|(?:me|i) and (?:my|our|the) (?:co-?founder|partner|cto|ceo|cfo|boss|team)|with (?:my|our) (?:co-?founder|partner)s?\b|stakeholders)\b/i;
// The prospect decides: "I decide", "me decide", "my call", "I sign", "I own the budget".
const SELF_DECIDES =
  /\b(?:i|me|myself)\s+(?:(?:am|'m|m)\s+)?(?:alone\s+)?(?:decides?|decide it|sign(?:s)?(?: off)?|approve|make (?:the|all the) (?:final )?(?:call|decision)s?|own the budget|hold the budget|have (?:the )?(?:final )?say|call the shots)\b|\b(?:i'?m|i am|im) the (?:(?:final |only )?decision[- ]?maker|one who decides|(?:budget|economic) (?:owner|buyer)|buyer)\b|\b(?:my|own) (?:call|decision)\b|\b(?:it'?s|its|it is) up to me\b|\bdecision[- ]?maker\s*(?::|=|is)?\s*(?:me|myself|i)\b|\bme\s+(?:the\s+)?boss\b|\bi(?:'m| am) the boss\b/i;
// The prospect's own role: "I'm the CTO", "I am head of sales", "as VP of marketing".
const OWN_TITLE =
  /\b(?:i'?m|i am|im|as|my (?:role|title|job|position) is|working as|i work as)\s+(?:the |a |an |our )?((?:(?:co-?)?founder|owner|ceo|cfo|cto|cio|coo|cmo|cro|president|head|vp|vice president|director|manager|lead|chief|svp|evp|senior|junior|principal|developer|engineer|analyst|consultant|intern|assistant|coordinator|specialist|sdr|bdr|ae|marketer|partner|md|managing director|gm|general manager)[\w -]{0,40}?)(?=[,.;!?]|\s+(?:at|of (?:a|an|the)|in|for|and|here|with)\b|$)/i;
const TERSE_SELF =
  /^\s*(?:me|myself|i do|i|only me|just me|me only|me decide|i decide|me alone|mine)\s*[.!]*\s*$/i;

/** Whether a seniority usually decides on a purchase (founders and C-level, not managers). */
const decidesBySeniority = (seniority: string | undefined): boolean =>
  seniority === 'founder' || seniority === 'c_level';

/**
 * Reads who decides: "I decide"/"me decide" (the prospect), "my boss signs off"/"the CFO
 * approves" (someone else, named as the approver), a committee, and the prospect's own title
 * (normalized to a seniority; a founder or C-level title alone suggests a decision maker).
 */
export const extractAuthority = (
  text: string,
  context: UnderstandContext,
): Extraction<Authority> | undefined => {
  const titleMatch = OWN_TITLE.exec(text);
  const title = titleMatch?.[1]?.trim();
  const norm = title === undefined ? undefined : normalizeTitle(title);
  const own: { title?: string; seniority?: Seniority } =
    title === undefined || norm?.recognized !== true
      ? {}
      : { title, ...(norm.seniority === undefined ? {} : { seniority: norm.seniority }) };
  const span = (m: RegExpExecArray): ReturnType<typeof spanOf> =>
    spanOf(text, m.index, m.index + m[0].length);

  // A group first: "me and my partner decide" is a committee, not the partner alone.
  const committee = COMMITTEE.exec(text);
  if (committee !== null)
    return { value: { role: 'committee', ...own }, confidence: 0.8, span: span(committee) };
  for (const pattern of OTHERS_DECIDE) {
    const m = pattern.exec(text);
    if (m !== null) {
      const approver = m[1]?.toLowerCase();
      return {
        value: { role: 'influencer', ...own, ...(approver === undefined ? {} : { approver }) },
        confidence: 0.85,
        span: span(m),
      };
    }
  }
  const self = SELF_DECIDES.exec(text) ?? (context.expecting === 'authority' ? TERSE_SELF.exec(text) : null);
  if (self !== null) return { value: { role: 'decision_maker', ...own }, confidence: 0.85, span: span(self) };
  if (titleMatch !== null && own.title !== undefined) {
    const role = decidesBySeniority(own.seniority) ? 'decision_maker' : 'unknown';
    return { value: { role, ...own }, confidence: role === 'unknown' ? 0.5 : 0.6, span: span(titleMatch) };
  }
  return undefined;
};
