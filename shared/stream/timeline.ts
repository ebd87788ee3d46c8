// Entry point: recording (plain JSON value) -> Timeline, in one linear pass.
import { TimelineBuilder } from './builder';
import { asRecord, asString, isFiniteNumber, isRecord, type Rec } from './json-util';
import { classifySingleBody } from './single-body';
import { buildItemStream, buildSseStream } from './stream-items';
import type { Timeline, TimelineError } from './types';

export function buildTimeline(record: unknown): Timeline {
  const b = new TimelineBuilder();
  const response = responseOf(record);
  if (!response) {
    b.step('invalid', record, (e) => e.note('not a recording: no response object'));
    return b.build('invalid', false);
  }
  const body = response.body;
  const streaming = isStream(body, response.is_streaming);
  const failed = response.is_exception === true;
  let variant: string;
  if (streaming && Array.isArray(body)) {
    variant = body.length > 0 && body.every((x) => typeof x === 'string') ? buildSseStream(body, b) : buildItemStream(body, b);
  } else if (failed && (body === null || body === undefined)) {
    variant = 'exception'; // nothing was received: the error step is the whole timeline
  } else {
    const single = classifySingleBody(body, response.status);
    b.step(single.kind, body, single.emit);
    variant = single.variant;
  }
  if (failed) {
    const err = exceptionOf(response);
    b.step('exception', response.exception_data ?? response.exception_message ?? null, (e) => e.error(err), { synthetic: true });
  }
  return b.build(variant, streaming);
}

/** Whole recording, or a bare `response` object. */
function responseOf(record: unknown): Rec | undefined {
  if (!isRecord(record)) return undefined;
  if (isRecord(record.response)) return record.response;
  return 'body' in record && !('request' in record) ? record : undefined;
}

/** Trust the body shape over `is_streaming` (they can disagree, §9), except for model lists. */
function isStream(body: unknown, flag: unknown): boolean {
  if (!Array.isArray(body)) return flag === true;
  if (flag === true) return true;
  return body.length > 0 && body.every((x) => typeof x === 'string' || (isRecord(x) && typeof x.__type__ === 'string' && /Chunk$/.test(x.__type__)));
}

function exceptionOf(response: Rec): TimelineError {
  const data = asRecord(response.exception_data);
  const status = data?.status_code;
  const category = asString(data?.category);
  return {
    type: asString(data?.type) ?? 'Exception',
    message: asString(data?.message) ?? asString(response.exception_message) ?? '',
    ...(isFiniteNumber(status) ? { status } : {}),
    ...(category !== undefined ? { category } : {}),
  };
}
