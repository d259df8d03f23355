import { DATA_CLOSE, DATA_OPEN } from '../classify/build-prompt.js';
import type { Reply } from './llm-server.js';

interface DataFact {
  readonly id: string;
  readonly field: string;
  readonly value: unknown;
}

/** The facts of the lead data block in a chat request's last user message (any wire format). */
export const requestFacts = (body: Record<string, unknown>): DataFact[] => {
  const messages = body['messages'] as { role: string; content: unknown }[];
  const last = [...messages].reverse().find((m) => m.role === 'user');
  const text = typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '');
  const start = text.indexOf(DATA_OPEN);
  const end = text.indexOf(DATA_CLOSE);
  if (start === -1 || end === -1) return [];
  return (JSON.parse(text.slice(start + DATA_OPEN.length, end)) as { facts: DataFact[] }).facts;
};

/**
 * A stand-in model with a simple, known judgement: a lead whose title names a VP, director,
 * head or chief is qualified; another title is not qualified; no title needs info. Its reasons
 * cite the title's fact id (or the first fact), as a real model's must.
 */
export const titleJudge = (body: Record<string, unknown>): Reply => {
  const facts = requestFacts(body);
  const title = facts.find((f) => f.field === 'person.title');
  const cite = [title?.id ?? facts[0]?.id ?? 'F1'];
  const senior =
    typeof title?.value === 'string' && /\b(vp|vice|director|head|chief|c[etrfo]o)\b/i.test(title.value);
  const verdict = title === undefined ? 'needs_info' : senior ? 'qualified' : 'not_qualified';
  return {
    answer: {
      verdict,
      score: verdict === 'qualified' ? 80 : verdict === 'needs_info' ? 50 : 20,
      fit: { level: senior ? 'strong' : 'weak', summary: `Title: ${String(title?.value ?? 'unknown')}.` },
      intent: { level: 'low', summary: 'Little behaviour seen.' },
      reasons: [
        {
          text: title === undefined ? 'The role is unknown' : senior ? 'A senior buyer' : 'Not a buying role',
          kind: 'fit',
          effect: senior ? 30 : -20,
          facts: cite,
        },
      ],
      missing: title === undefined ? [{ field: 'person.title', question: 'What is your role?' }] : [],
      nextQuestion: null,
    },
  };
};
