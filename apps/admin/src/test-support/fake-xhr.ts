import { vi } from 'vitest';

export interface XhrCall {
  method: string;
  url: string;
  authorization: string | null;
  body: Document | XMLHttpRequestBodyInit | null;
  /** The name and size of the `file` part of a multipart upload. */
  file: { name: string; size: number } | null;
  /** Reports upload progress now, as the browser does while the body is being sent. */
  progress(fraction: number): void;
}

export interface XhrAnswer {
  /** 0: the connection failed (the request's `error` event). */
  status: number;
  body?: unknown;
  /** Upload progress fractions reported before the answer. */
  progress?: number[];
}

export type XhrResponder = (call: XhrCall) => XhrAnswer | Promise<XhrAnswer>;

/**
 * Replaces XMLHttpRequest (attachment uploads and downloads) the way graphqlFetch replaces fetch:
 * the network boundary of the console, answered per request by the test. Unstub in afterEach.
 */
export function fakeXhr(respond: XhrResponder) {
  const calls: XhrCall[] = [];

  class FakeXMLHttpRequest {
    readonly upload = new EventTarget();
    status = 0;
    response: unknown = null;
    responseType = '';
    private readonly events = new EventTarget();
    private method = 'GET';
    private url = '';
    private readonly headers = new Map<string, string>();

    open(method: string, url: string): void {
      this.method = method;
      this.url = url;
    }

    setRequestHeader(name: string, value: string): void {
      this.headers.set(name.toLowerCase(), value);
    }

    addEventListener(type: string, listener: EventListener): void {
      this.events.addEventListener(type, listener);
    }

    send(body: Document | XMLHttpRequestBodyInit | null = null): void {
      const part = body instanceof FormData ? body.get('file') : null;
      const file = part instanceof File ? { name: part.name, size: part.size } : null;
      const progress = (fraction: number) => {
        const total = file?.size ?? 100;
        this.upload.dispatchEvent(
          Object.assign(new Event('progress'), {
            lengthComputable: true,
            loaded: Math.round(total * fraction),
            total,
          }),
        );
      };
      const call: XhrCall = {
        method: this.method,
        url: this.url,
        authorization: this.headers.get('authorization') ?? null,
        body,
        file,
        progress,
      };
      calls.push(call);
      void Promise.resolve(respond(call)).then((answer) => {
        for (const fraction of answer.progress ?? []) progress(fraction);
        if (answer.status === 0) {
          this.events.dispatchEvent(new Event('error'));
          return;
        }
        this.status = answer.status;
        this.response = answer.body ?? null;
        this.events.dispatchEvent(new Event('load'));
      });
    }
  }

  vi.stubGlobal('XMLHttpRequest', FakeXMLHttpRequest);
  return { calls };
}

/** A promise and the function that settles it: to hold an answer while the test looks at progress. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
