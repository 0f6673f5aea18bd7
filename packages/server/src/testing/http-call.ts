import http from 'node:http';

export interface HttpAnswer {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test convenience, like inject's
}

/** One request over a real socket (node:http, so any header, Host included, can be sent). */
export function httpCall(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; payload?: string | Buffer } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(path, base),
      { method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            statusCode: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: () => JSON.parse(body),
          });
        });
        res.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(init.payload);
  });
}
