import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerFromKnowledge } from './answer-from-knowledge.js';
import type { Bm25Index } from './bm25-index.js';
import { readKnowledgeBase } from './read-knowledge-base.js';
import { isAppError } from '../../domain/app-error.js';

const examples = fileURLToPath(new URL('../../../examples/knowledge', import.meta.url));

describe('answerFromKnowledge over examples/knowledge', () => {
  let index: Bm25Index;
  beforeAll(async () => {
    index = await readKnowledgeBase(examples);
  });

  it.each([
    ['how much does it cost?', 'pricing.md', 'Pricing › Licence and cost'],
    ['Does it integrate with HubSpot?', 'integrations.md', 'Integrations › CRM write-back'],
    ['where is our data stored?', 'security.md', 'Security and data › Where your data lives'],
    [
      'is lead data sent to a language model endpoint?',
      'security.md',
      'Security and data › Language models and privacy',
    ],
    ['do you need an LLM to decide?', 'product.md', 'What leadsift is › How a lead is decided'],
    ['can it send invites to Outlook calendars?', 'integrations.md', 'Integrations › Calendars and meetings'],
  ])('answers %j from %s (%s), citing it', (question, file, heading) => {
    const answer = answerFromKnowledge(index, question);
    expect(answer).toMatchObject({ found: true, citation: { file, heading } });
    if (answer.found) expect(answer.text.length).toBeLessThanOrEqual(400);
  });

  it.each([
    'Are you SOC 2 certified?',
    'Do you support WhatsApp voice calls in Japanese?',
    'what is the weather in Paris',
  ])('finds nothing for %j rather than inventing an answer', (question) => {
    expect(answerFromKnowledge(index, question)).toEqual({ found: false });
  });

  it('fails with FILE_NOT_FOUND for a folder that does not exist', async () => {
    await expect(readKnowledgeBase('/nonexistent/knowledge')).rejects.toSatisfy((e) =>
      isAppError(e, 'FILE_NOT_FOUND'),
    );
  });
});
