// The hash layer against a direct CPython transcription of spec §5 (re, urllib, json, hashlib):
// string rules, URL parsing and complete request hashes for random requests under every profile.
// Python runs once per batch; skipped with a printed reason when python3 is missing.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromPlain, jsonFloat, jsonNumber, type JsonValue } from '../json/json-value';
import { pythonDumps } from '../json/python-json';
import { normalizeString } from './normalize';
import { PROFILE_NAMES } from './profiles';
import { pythonUrlParse } from './python-url';
import { hashCandidates } from './request-hash';

const hasPython = spawnSync('python3', ['--version']).status === 0;
if (!hasPython) console.warn('python3 not found on PATH: skipping the CPython oracle comparisons');

function runPython(script: string, input: unknown): unknown {
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const SEED = Number(process.env.FC_SEED ?? (process.env.CI ? 20261126 : Date.now() % 2 ** 31));

const PY_RULES = String.raw`
import json, re, sys, hashlib
from urllib.parse import urlparse
R1=(r'score:\s*[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?','score: __NORMALIZED__')
R2=(r',?\s*attributes:\s*\{[^}]*\}','')
R3=(r'document_id:\s*[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}','document_id: __NORMALIZED__')
R4=(r'<\|[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}\|>','<|__NORMALIZED__|>')
R3B=(r'document_id:\s*file-\d+','document_id: __NORMALIZED__')
R4B=(r'<\|file-\d+\|>','<|__NORMALIZED__|>')
SETS={'none':None,'numeric':[],'fs-A':[R1,R2],'fs-B':[R1,R2,R3B,R4B],'head':[R1,R2,R3,R4]}
def nstr(s, rs):
    rules=SETS[rs]
    if rules is None: return s
    for p,r in rules: s=re.sub(p,r,s)
    return re.sub(r'(-?\d+\.\d{4,})', lambda m: format(float(m.group(1)),'.5f'), s)
`;

// Tokens chosen to build strings that hit every rule, its edges and Python/JS regex differences.
const TOKENS = [
  'score:', 'score: ', 'score:\u00a0', 'score:\u0085', 'score:\u001c', 'score:\ufeff', ' ', '\n', '\u2003', '\u3000', ',', ', ', '.', '-', '+', 'e', 'E', 'e-5', 'E+12',
  '0', '1', '7', '0.5', '3.14159265', '-0.000001', '0.0000050', '0.015625', '12.3456', '١٢.٣٤٥٦', '𝟏𝟐.𝟑𝟒𝟓𝟔𝟕', '٣', '१२.३४५६७',
  'attributes:', 'attributes: {', "{'a': 1}", '}', '{', 'document_id:', 'document_id: ', 'c735d063-1a2b-4c5d-8e9f-3e872310faeb', 'C735D063-1A2B-4C5D-8E9F-3E872310FAEB',
  '<|', '|>', 'file-', 'file-12', 'file-٣', 'x', 'é', '😀', '\ud800',
];
const ruleString = fc.array(fc.constantFrom(...TOKENS), { maxLength: 14 }).map((a) => a.join(''));

const URL_TOKENS = ['http', 'https', 'HTTP', 'vertexai', '1x', ':', '//', '/', '///', 'host', 'bedrock-runtime.aws', ':8080', 'v1', '?', 'q=1', '#', 'frag', ';', 'p=1', '\t', '\n', ' ', '__databricks__', '@', '[::1]'];
const urlString = fc.array(fc.constantFrom(...URL_TOKENS), { maxLength: 10 }).map((a) => a.join(''));

describe.skipIf(!hasPython)('CPython oracle: hash layer', () => {
  it('normalizeString == re.sub chain for every rule set', () => {
    const strings = fc.sample(ruleString, { numRuns: 3000, seed: SEED });
    const sets = ['none', 'numeric', 'fs-A', 'fs-B', 'head'] as const;
    const py = runPython(PY_RULES + `\nprint(json.dumps([[nstr(s, r) for r in ${JSON.stringify(sets)}] for s in json.load(sys.stdin)]))`, strings) as string[][];
    const bad = strings.filter((s, i) => sets.some((r, k) => normalizeString(s, r) !== py[i]![k]));
    expect(bad.slice(0, 5), `seed ${SEED}`).toEqual([]);
  });

  it('pythonUrlParse == urllib.parse.urlparse (netloc, path)', () => {
    const urls = fc.sample(urlString, { numRuns: 3000, seed: SEED });
    const py = runPython(
      'import json,sys\nfrom urllib.parse import urlparse\nout=[]\nfor u in json.load(sys.stdin):\n try:\n  p=urlparse(u); out.append([p.netloc,p.path])\n except ValueError: out.append(None)\nprint(json.dumps(out))',
      urls,
    ) as Array<[string, string] | null>;
    const bad = urls.filter((u, i) => {
      const want = py[i];
      if (want === null || want === undefined) return false; // Python rejects (e.g. bad IPv6 brackets)
      const p = pythonUrlParse(u);
      return p.netloc !== want[0] || p.path !== want[1];
    });
    expect(bad.slice(0, 5), `seed ${SEED}`).toEqual([]);
  });

  it('hashCandidates == Python transcription of §5 for random requests, every profile and root-rule variant', () => {
    const floatLeaf = fc.oneof(
      fc.constantFrom(0.0156250, 1e-6, -1e-6, 0.7, 2.675, 1e16, 5e-324, 0.1 + 0.2, -0).map(jsonFloat),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(jsonFloat),
      fc.constantFrom('NaN', 'Infinity', '-Infinity', '1.0', '6760981245874068000', '-0').map(jsonNumber),
    );
    const leaf: fc.Arbitrary<unknown> = fc.oneof(floatLeaf, fc.integer(), ruleString, fc.boolean(), fc.constant(null));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(fc.constantFrom('a', 'b', 'score: 1.23456', 'project_id', 'stream_options', 'é'), tie('tree'), { maxKeys: 4 })),
    }));
    const url = fc.constantFrom(
      'http://0.0.0.0:11434/v1/v1/chat/completions', 'https://bedrock-runtime.us-west-2.amazonaws.com/openai/v1/v1/chat/completions', 'http://localhost:8080/v1/models',
      'https://api.openai.com/v1/v1/models', 'http://h/v1/openai/v1/models', 'http://localhost:11434/api/tags', '__databricks__/serving-endpoints/v1/chat/completions', 'vertexai:///generate_content',
    );
    const endpoint = fc.constantFrom('/v1/chat/completions', '/v1/models', '/api/tags', '/v1/embeddings');
    const testId = fc.option(fc.constantFrom('tests/integration/a/test_x.py::t[p]', 'tests/integration/é/test_y.py::u'), { nil: null });
    const body = fc.tuple(fc.dictionary(fc.constantFrom('model', 'messages', 'temperature', 'x'), tree, { maxKeys: 4 }), fc.option(tree), fc.option(tree), fc.option(tree)).map(([b, so, eb, eq]) => ({
      ...b,
      ...(so !== null ? { stream_options: so } : {}),
      ...(eb !== null ? { extra_body: typeof eb === 'object' && eb !== null && !Array.isArray(eb) ? { ...eb, project_id: 'p' } : eb } : {}),
      ...(eq !== null ? { extra_query: eq } : {}),
    }));
    const modelsBody = fc.array(fc.constantFrom('a', 'b', 'é', '😀', '\ue000').map((id) => ({ __type__: 'openai.types.model.Model', __data__: { id, object: 'model' } })), { maxLength: 4 });
    const inferenceRec = fc.tuple(testId, url, endpoint, fc.constantFrom('POST', 'post'), body, modelsBody).map(([t, u, e, m, b, mb]) => ({ test_id: t, request: { method: m, url: u, headers: {}, body: b, endpoint: e, model: '' }, response: { body: mb, is_streaming: false } }));
    const httpRec = fc.tuple(testId, url, tree).map(([t, u, p]) => ({ test_id: t, request: { test_id: t, url: u, method: 'post', payload: p }, response: { status: 200, body: {}, is_streaming: false } }));
    const toolRec = fc.tuple(testId, tree).map(([t, k]) => ({ test_id: t, request: { test_id: t, provider: 'tavily', tool_name: 'web_search', kwargs: k }, response: { body: null, is_streaming: false } }));
    const records = fc.sample(fc.oneof(inferenceRec, inferenceRec, httpRec, toolRec), { numRuns: 600, seed: SEED }).map((r) => fromPlain(r) as JsonValue);

    const py = runPython(
      PY_RULES +
        String.raw`
OLD={'/api/tags','/v1/models'}; NEW=OLD|{'/v1/openai/v1/models'}
ALL=(True,True)
P={'legacy-short-2025-07':dict(short=True,tid=False,fl=False,s='none',m=OLD,root=[(False,False)]),
 'raw-testid-2025-10-04':dict(tid=True,fl=False,s='none',m=OLD,root=[(False,False)]),
 'floats-2025-10':dict(tid=True,fl=True,s='numeric',m=OLD,root=[(False,False)]),
 'floats-2025-11':dict(tid=True,fl=True,s='numeric',m=NEW,root=[ALL,(True,False),(False,False)]),
 'branch-fs-A-2026-04-07':dict(tid=True,fl=True,s='fs-A',m=NEW,root=[ALL]),
 'branch-fs-B-2026-04-07':dict(tid=True,fl=True,s='fs-B',m=NEW,root=[ALL]),
 'head-2026-04':dict(tid=True,fl=True,s='head',m=NEW,root=[ALL])}
def norm(v,p,root,bedrock,top=True):
    if isinstance(v,dict):
        out={k:norm(x,p,root,bedrock,False) for k,x in v.items()}
        if top:
            if bedrock and root[0]: out.pop('stream_options',None)
            if root[1]:
                for k in ('extra_body','extra_query'):
                    if isinstance(out.get(k),dict): out[k].pop('project_id',None)
        return out
    if isinstance(v,list): return [norm(x,p,root,bedrock,False) for x in v]
    if isinstance(v,float) and p['fl']: return round(v,5)
    if isinstance(v,str): return nstr(v,p['s'])
    return v
def sha(s): return hashlib.sha256(s.encode()).hexdigest()
def d8(resp):
    return sha('|'.join(sorted(set(it['__data__']['id'] for it in resp['body']))))[:8]
def names(rec,pn):
    p=P[pn]; r=rec['request']; out=[]
    for root in p['root']:
        if 'kwargs' in r: obj={'kwargs':r['kwargs'],'provider':r['provider'],'tool_name':r['tool_name']}
        elif 'payload' in r: obj={'method':r['method'].upper(),'payload':norm(r['payload'],p,root,False),'test_id':r['test_id'],'url':r['url']}
        else:
            u=urlparse(r['url'])
            obj={'method':r['method'].upper(),'endpoint':u.path,'body':norm(r['body'],p,root,'bedrock' in u.netloc)}
            if p['tid'] and u.path not in p['m']: obj['test_id']=rec.get('test_id')
        s=json.dumps(obj,sort_keys=True); h=sha(s)
        if p.get('short'): h=h[:12]
        n=('models-%s-%s.json'%(h,d8(rec['response'])) if r.get('endpoint') in NEW else h+'.json')
        if n not in out: out.append(n)
    return out
print(json.dumps([[names(json.loads(t),pn) for pn in P] for t in json.load(sys.stdin)]))
`,
      records.map((r) => pythonDumps(r)),
    ) as string[][][];
    const bad: unknown[] = [];
    records.forEach((rec, i) => {
      PROFILE_NAMES.forEach((pn, k) => {
        const ours = hashCandidates(rec, pn).map((c) => c.name);
        // ours drops variants whose hash input is identical; Python drops identical names
        if (JSON.stringify(ours) !== JSON.stringify(py[i]![k])) bad.push({ profile: pn, record: pythonDumps(rec), ours, python: py[i]![k] });
      });
    });
    expect(bad.slice(0, 3), `seed ${SEED}`).toEqual([]);
  });
});
