import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { JsonBlock } from './json-block';
import { RequestView } from './request-view';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const HAS_CORPUS = existsSync(CORPUS);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.json') ? [p] : [];
  });
}
const load = (rel: string): unknown => JSON.parse(readFileSync(`${CORPUS}/${rel}`, 'utf8'));
const render = (record: unknown, onOpenRaw?: () => void): string =>
  renderToStaticMarkup(createElement(RequestView, { record, ...(onOpenRaw ? { onOpenRaw } : {}) }));

const itc = HAS_CORPUS ? it : it.skip;

describe('RequestView (server-rendered markup)', () => {
  itc('renders every corpus request', () => {
    for (const f of walk(CORPUS)) {
      const html = render(JSON.parse(readFileSync(f, 'utf8')));
      expect(html, f).toContain('<h3 class="rv-h3">Request</h3>');
      expect(html, f).not.toContain('could not be displayed');
    }
  });

  itc('renders a chat with tool calls: transcript, links, tool definitions, parameters', () => {
    const html = render(load('llama-stack/responses/recordings/b1d1ecee37e74f919b359db90abbb3df8e7621ee0a251c37cf4388c14b93ff6e.json'), () => undefined);
    expect(html).toContain('aria-label="Messages"');
    expect(html).toContain('aria-label="assistant message 2"');
    expect(html).toContain('id="msg-3"');
    expect(html).toContain('aria-label="tool call knowledge_search"');
    expect(html).toContain('id="call-call_u8kC9t9arrSV758kavJmcZE7"');
    expect(html).toContain('href="#msg-3"');
    expect(html).toContain('>answered by message #3</a>');
    expect(html).toContain('href="#call-call_u8kC9t9arrSV758kavJmcZE7"');
    expect(html).toContain('aria-label="Tool definitions"');
    expect(html).toContain('aria-label="Parameters"');
    expect(html).toContain('Open raw JSON');
  });

  itc('shows data-URL images as thumbnails and never loads remote ones', () => {
    const html = render(load('llama-stack/responses/recordings/1a5a9da6382b176bc38f4f8a71701400d59ac9148fb1fda532b67e1dfde0ed0a.json'));
    expect(html).toMatch(/<img class="rv-thumb" src="data:image\/png;base64,/);
    const remote = render({ request: { url: 'u', body: { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }] } } });
    expect(remote).not.toContain('<img');
    expect(remote).toContain('remote, not loaded');
  });

  it('flags invalid tool-call arguments and unanswered calls', () => {
    const html = render({
      request: {
        url: 'u', body: { messages: [{ role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{oops' } }] }] },
      },
    });
    expect(html).toContain('not valid JSON');
    expect(html).toContain('no answer in this request');
    expect(html).toContain('{oops');
  });

  itc('renders other kinds meaningfully', () => {
    expect(render(load('llama-stack/telemetry/recordings/e39dece6d1db2f7ca6fd1d8ad12ed21c2228205dcde8c32f71fb664e1fc56425.json'))).toContain('aria-label="Tool arguments (kwargs)"');
    expect(render(load('llama-stack/responses/recordings/268e65efffed6ba43c3c66d97dddf134f48456bf3a9ac1ba5ecf38fe50c39044.json'))).toContain('file-371170885258');
    expect(render(load('llama-stack/common/recordings/models-64a2277c90f0f42576f60c1030e3a020403d34a95f56931b792d5939f4cebc57-6a62c598.json'))).toContain('Lists models');
    expect(render(load('llama-stack-2025-10/vector_io/recordings/615b44f8fe23e923f6849f9bad8d9f7531ed74ca532ab3badc178a5cc329376c.json'))).toContain('aria-label="Embedding inputs"');
    expect(render(load('llama-stack/inference/recordings/f0f863b7a3527d2848b81dfcc05c898a7a2a1ab5e1213f100aeae00b8a5e1ba3.json'))).toContain('Roses are red');
    const anthropic = render(load('llama-stack/messages/recordings/f55988509902a617d2f547a1518bb84c3c8784ea1e1ac139e2f0623449dfa047.json'));
    expect(anthropic).toContain('aria-label="tool call calculator"');
    expect(anthropic).toContain('answers tool call calculator');
    const genai = render(load('llama-stack/responses/recordings/1b4db8e928c9faed930437cee255aeb8e18707edfa29848b9f51f3313380832c.json'));
    expect(genai).toContain('System instruction');
    expect(genai).toContain('aria-label="user message 1"');
  });

  it('truncates huge texts with a show-all button', () => {
    const html = render({ request: { url: 'u', body: { messages: [{ role: 'user', content: 'x'.repeat(25_000) }] } } });
    expect(html).toContain('Show all (25,000 characters)');
    expect(html).not.toContain('x'.repeat(20_001));
  });

  it('shows a notice for unexpected shapes and never throws', () => {
    expect(render(null)).toContain('Unexpected shape');
    expect(render({ request: { foo: 1 } })).toContain('Unexpected shape');
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        for (const record of [a, { request: a }, { request: { url: 'u', body: a } }, { request: { url: 'u', body: { messages: a, tools: b } } },
          { request: { url: 'u', payload: { messages: a, system: b } } }, { request: { url: 'u', body: { contents: a, config: b } } },
          { request: { url: 'u', body: { messages: [{ role: 'assistant', content: a, tool_calls: [b] }, { role: 'tool', tool_call_id: a, content: b }] } } }]) {
          const html = render(record);
          if (html.includes('could not be displayed')) throw new Error(`boundary hit for ${JSON.stringify(record)}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('JsonBlock', () => {
  it('renders pretty JSON with a copy button, collapsed with a summary', () => {
    const open = renderToStaticMarkup(createElement(JsonBlock, { value: { a: [1, 2] }, label: 'Body' }));
    expect(open).toContain('aria-label="Copy Body"');
    expect(open).toContain('&quot;a&quot;: [');
    const closed = renderToStaticMarkup(createElement(JsonBlock, { value: { a: 1, b: 2 }, defaultCollapsed: true }));
    expect(closed).toContain('aria-expanded="false"');
    expect(closed).toContain('{…} 2 keys');
    expect(closed).not.toContain('<pre');
  });
});
