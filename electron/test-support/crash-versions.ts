/** The two canonical versions each file of the crash-safety test alternates between. */
export function crashVersions(i: number): [string, string] {
  const make = (v: string) => `{\n  "test_id": null,\n  "request": {\n    "method": "POST",\n    "url": "http://localhost/v1/models",\n    "headers": {},\n    "body": {\n      "n": ${i},\n      "v": "${v.repeat(20_000)}"\n    },\n    "endpoint": "/v1/models",\n    "model": ""\n  },\n  "response": {\n    "body": [],\n    "is_streaming": false\n  }\n}\n`;
  return [make('old'), make('new')];
}
