import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { access, mkdtemp, readFile, realpath, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AppConfig } from '../config/config.js';
import { UNO_BRIDGE_SCRIPT } from './uno-bridge.js';

/** Why a PDF could not be made. */
export type PdfConversionFailure =
  /** LibreOffice (or the python that drives it) is not installed, or PDF output is switched off. */
  | 'unavailable'
  /** The bytes are not a Word document LibreOffice can open. */
  | 'invalid-input'
  /** The conversion took longer than the timeout: LibreOffice was stopped and is restarted. */
  | 'timeout'
  /** LibreOffice died during the conversion (and again on the retry). */
  | 'crashed'
  /** LibreOffice did not start, or refused the conversion. */
  | 'failed'
  /** The converter was closed. */
  | 'closed';

export class PdfConversionError extends Error {
  override readonly name = 'PdfConversionError';

  constructor(
    readonly reason: PdfConversionFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface PdfConverterOptions {
  /** Off: every conversion fails with `unavailable` and this reason. */
  disabledReason?: string;
  /** `soffice` on the PATH, or a path. */
  soffice?: string;
  /** A python with LibreOffice's `uno` module; by default LibreOffice's own, else /usr/bin/python3. */
  python?: string;
  /** Maps the Windows font names of templates to free fonts; default infra/fonts/fonts.conf. */
  fontconfigFile?: string;
  /** One conversion, from handing it to LibreOffice to the PDF written. */
  timeoutMs?: number;
  /** LibreOffice's start, the first one creating its profile. */
  startTimeoutMs?: number;
  /** LibreOffice is restarted after this many conversions, so that what it leaks is given back. */
  recycleAfter?: number;
  /** Where LibreOffice starts, stops, dies and restarts are told. */
  log?: (message: string) => void;
}

export type PdfAvailability =
  | { available: true; soffice: string; python: string; warnings: string[] }
  | { available: false; reason: string };

/** infra/fonts/fonts.conf of the checkout; src/documents and dist/documents are both four levels below it. */
export const REPO_FONTCONFIG_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../infra/fonts/fonts.conf',
);

const INSTALL_HINT = 'install it with infra/fonts/install-pdf-tools.sh';
const ZIP_SIGNATURE = Buffer.from('PK\u0003\u0004', 'latin1');

/** A running LibreOffice and the python process that talks UNO to it. */
interface Office {
  soffice: ChildProcess;
  bridge: ChildProcess;
  /** Resolves with the bridge's next line; rejects when either process ends. */
  nextLine(): Promise<string>;
  /** Set once either process has ended. */
  ended: { reason: string } | null;
  conversions: number;
  output: string[];
  exitHandler: () => void;
}

/**
 * DOCX → PDF through one LibreOffice kept running (starting it per document costs seconds; a
 * running one converts a letter in 0.1–0.4 s). LibreOffice starts on the first conversion (or
 * `start()`), with its own profile directory, listening on a private pipe; a small python process
 * drives it through UNO. Conversions are queued and run one at a time. A conversion that takes
 * longer than the timeout stops LibreOffice and fails with `timeout`; when LibreOffice dies during a
 * conversion it is restarted and the conversion retried once. `close()` stops it.
 */
export class PdfConverter {
  private readonly options: Required<Omit<PdfConverterOptions, 'disabledReason' | 'python' | 'log'>> &
    Pick<PdfConverterOptions, 'disabledReason' | 'python' | 'log'>;
  private availability: Promise<PdfAvailability> | null = null;
  private office: Promise<Office> | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private dirs: Promise<{ root: string; profile: string; work: string }> | null = null;
  private sequence = 0;
  private starts = 0;
  private closed = false;

  constructor(options: PdfConverterOptions = {}) {
    this.options = {
      soffice: 'soffice',
      fontconfigFile: REPO_FONTCONFIG_FILE,
      timeoutMs: 60_000,
      startTimeoutMs: 60_000,
      recycleAfter: 500,
      ...options,
    };
  }

  /** Whether PDF output works here, and if not, why (checked once). */
  available(): Promise<PdfAvailability> {
    this.availability ??= this.detect();
    return this.availability;
  }

  /** Starts LibreOffice now rather than on the first conversion. */
  async start(): Promise<void> {
    await this.queue(async () => {
      await this.ensureOffice();
    });
  }

  /** The PDF of a DOCX; rejects with PdfConversionError. */
  convert(docx: Buffer): Promise<Buffer> {
    return this.queue(() => this.convertQueued(docx));
  }

  /** Stops LibreOffice and removes its profile; later conversions fail with `closed`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail;
    await this.stopOffice(true);
    const dirs = this.dirs;
    this.dirs = null;
    if (dirs) await rm((await dirs).root, { recursive: true, force: true });
  }

  /** Nest calls this when the application closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private queue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async convertQueued(docx: Buffer): Promise<Buffer> {
    if (this.closed) throw new PdfConversionError('closed', 'The PDF converter is closed');
    if (docx.length < 4 || !docx.subarray(0, 4).equals(ZIP_SIGNATURE))
      throw new PdfConversionError('invalid-input', 'Not a Word document: a .docx file is a ZIP archive');
    try {
      return await this.convertOnce(docx);
    } catch (error) {
      if (!(error instanceof PdfConversionError) || error.reason !== 'crashed' || this.closed) throw error;
      this.log(`retrying the conversion once: ${error.message}`);
      return this.convertOnce(docx);
    }
  }

  private async convertOnce(docx: Buffer): Promise<Buffer> {
    const office = await this.ensureOffice();
    const { work } = await this.directories();
    const id = ++this.sequence;
    const input = path.join(work, `${id}.docx`);
    const output = path.join(work, `${id}.pdf`);
    await writeFile(input, docx);
    try {
      const answer = await this.request(office, { id, input, output });
      if (answer.ok !== true) {
        const reason = answer.reason === 'invalid-input' ? 'invalid-input' : 'failed';
        throw new PdfConversionError(reason, `LibreOffice could not convert the document: ${answer.error}`);
      }
      const pdf = await readFile(output);
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
        throw new PdfConversionError('failed', 'LibreOffice wrote something that is not a PDF');
      return pdf;
    } finally {
      office.conversions++;
      if (office.conversions >= this.options.recycleAfter && !office.ended) {
        this.log(`restarting LibreOffice after ${office.conversions} conversions`);
        await this.stopOffice(true);
      }
      await Promise.all([unlink(input).catch(() => undefined), unlink(output).catch(() => undefined)]);
    }
  }

  /** Sends one request to the bridge and waits for its answer, the timeout or the end of LibreOffice. */
  private async request(
    office: Office,
    message: { id: number; input: string; output: string },
  ): Promise<{ id: number; ok?: boolean; reason?: string; error?: string }> {
    const seconds = this.options.timeoutMs / 1000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new PdfConversionError(
            'timeout',
            `LibreOffice did not finish the conversion within ${seconds} s: it was stopped and starts again for the next document`,
          ),
        );
      }, this.options.timeoutMs);
    });
    try {
      office.bridge.stdin!.write(`${JSON.stringify(message)}\n`);
      for (;;) {
        const line = await Promise.race([office.nextLine(), timeout]);
        const answer = JSON.parse(line) as { id?: number; ok?: boolean; reason?: string; error?: string };
        if (answer.id !== message.id) continue;
        if (answer.reason === 'crashed') throw new PdfConversionError('crashed', String(answer.error));
        return answer as { id: number };
      }
    } catch (error) {
      // A timed-out LibreOffice may still be busy with the document, an ended one is gone: either way
      // the next conversion gets a fresh one.
      await this.stopOffice(false);
      if (error instanceof PdfConversionError) throw error;
      throw new PdfConversionError(
        'crashed',
        `LibreOffice stopped during the conversion (${(error as Error).message})${tail(office.output)}`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private async ensureOffice(): Promise<Office> {
    if (this.closed) throw new PdfConversionError('closed', 'The PDF converter is closed');
    if (this.office) {
      const office = await this.office.catch(() => null);
      if (office && !office.ended) return office;
      this.office = null;
    }
    const availability = await this.available();
    if (!availability.available)
      throw new PdfConversionError('unavailable', `PDF output is unavailable: ${availability.reason}`);
    this.office = this.startOffice(availability.soffice, availability.python);
    try {
      return await this.office;
    } catch (error) {
      this.office = null;
      throw error;
    }
  }

  private async startOffice(soffice: string, python: string): Promise<Office> {
    const { profile } = await this.directories();
    const pipe = `qifu_pdf_${process.pid}_${++this.starts}_${randomBytes(4).toString('hex')}`;
    const env: NodeJS.ProcessEnv = { ...process.env, FONTCONFIG_FILE: this.options.fontconfigFile };
    const started = Date.now();
    const output: string[] = [];
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.length > 20) output.shift();
    };
    // Its own process group: soffice is a launcher whose soffice.bin child must go with it.
    const officeProcess = spawn(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--invisible',
        '--nologo',
        '--norestore',
        '--nodefault',
        '--nolockcheck',
        '--nofirststartwizard',
        `--accept=pipe,name=${pipe};urp;StarOffice.ComponentContext`,
      ],
      { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    officeProcess.stdout!.on('data', keep);
    officeProcess.stderr!.on('data', keep);
    const bridgeEnv: NodeJS.ProcessEnv = { ...env };
    delete bridgeEnv.PYTHONHOME;
    delete bridgeEnv.PYTHONPATH;
    const bridge = spawn(
      python,
      ['-c', UNO_BRIDGE_SCRIPT, pipe, String(this.options.startTimeoutMs / 1000)],
      { env: bridgeEnv, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    bridge.stderr!.on('data', keep);
    bridge.stdin!.on('error', () => undefined);

    const lines: string[] = [];
    const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
    const office: Office = {
      soffice: officeProcess,
      bridge,
      ended: null,
      conversions: 0,
      output,
      nextLine: () =>
        lines.length
          ? Promise.resolve(lines.shift()!)
          : office.ended
            ? Promise.reject(new Error(office.ended.reason))
            : new Promise((resolve, reject) => waiting.push({ resolve, reject })),
      exitHandler: () => killGroup(officeProcess),
    };
    createInterface({ input: bridge.stdout! }).on('line', (line) => {
      const waiter = waiting.shift();
      if (waiter) waiter.resolve(line);
      else lines.push(line);
    });
    const end = (reason: string) => {
      if (office.ended) return;
      office.ended = { reason };
      for (const waiter of waiting.splice(0)) waiter.reject(new Error(reason));
      process.off('exit', office.exitHandler);
      killGroup(officeProcess);
      if (bridge.exitCode === null && bridge.signalCode === null) bridge.kill('SIGKILL');
      this.log(`LibreOffice (pid ${officeProcess.pid}) ended: ${reason}`);
    };
    officeProcess.on('error', (error) => end(`LibreOffice could not be started: ${error.message}`));
    officeProcess.on('exit', (code, signal) => end(`LibreOffice exited (${signal ?? `code ${code}`})`));
    bridge.on('error', (error) => end(`${python} could not be started: ${error.message}`));
    bridge.on('exit', (code, signal) => end(`the UNO bridge exited (${signal ?? `code ${code}`})`));
    process.on('exit', office.exitHandler);

    let timer: NodeJS.Timeout | undefined;
    try {
      const first = await Promise.race([
        office.nextLine(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${this.options.startTimeoutMs / 1000} s`)),
            this.options.startTimeoutMs,
          );
        }),
      ]);
      const hello = JSON.parse(first) as { ready?: boolean; fatal?: string };
      if (!hello.ready) throw new Error(hello.fatal ?? first);
    } catch (error) {
      end('start failed');
      throw new PdfConversionError(
        'failed',
        `LibreOffice did not start: ${(error as Error).message}${tail(output)}`,
      );
    } finally {
      clearTimeout(timer);
    }
    this.log(`LibreOffice started (pid ${officeProcess.pid}) in ${Date.now() - started} ms`);
    return office;
  }

  /** Stops the running LibreOffice: gracefully (the bridge terminates it) or at once. */
  private async stopOffice(graceful: boolean): Promise<void> {
    const pending = this.office;
    this.office = null;
    if (!pending) return;
    const office = await pending.catch(() => null);
    if (!office || office.ended) return;
    const exited = new Promise<void>((resolve) => office.soffice.once('exit', () => resolve()));
    if (graceful) {
      office.bridge.stdin!.end();
      const stopped = await Promise.race([exited.then(() => true), delay(10_000).then(() => false)]);
      if (stopped) return;
    }
    killGroup(office.soffice);
    office.bridge.kill('SIGKILL');
    await Promise.race([exited, delay(5_000)]);
  }

  private directories() {
    this.dirs ??= (async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), 'qifu-pdf-'));
      return { root, profile: path.join(root, 'profile'), work: root };
    })();
    return this.dirs;
  }

  private async detect(): Promise<PdfAvailability> {
    if (this.options.disabledReason) return { available: false, reason: this.options.disabledReason };
    const soffice = await findExecutable(this.options.soffice);
    if (!soffice)
      return {
        available: false,
        reason: `LibreOffice (${this.options.soffice}) is not installed or not on the PATH: ${INSTALL_HINT}`,
      };
    const program = path.dirname(await realpath(soffice));
    const candidates = this.options.python
      ? [this.options.python]
      : [path.join(program, 'python'), '/usr/bin/python3', 'python3'];
    let python: string | null = null;
    for (const candidate of candidates) {
      const found = await findExecutable(candidate);
      if (found && (await importsUno(found))) {
        python = found;
        break;
      }
    }
    if (!python)
      return {
        available: false,
        reason: `no python with LibreOffice's uno module (tried ${candidates.join(', ')}): ${INSTALL_HINT}`,
      };
    const warnings: string[] = [];
    if (!existsSync(this.options.fontconfigFile))
      warnings.push(
        `${this.options.fontconfigFile} is missing: Windows font names will not map to free fonts`,
      );
    else if (!(await fontFound(this.options.fontconfigFile, 'FandolFang')))
      warnings.push(`FandolFang is not installed (仿宋 falls back to Noto Serif CJK): ${INSTALL_HINT}`);
    for (const warning of warnings) this.log(warning);
    return { available: true, soffice, python, warnings };
  }

  private log(message: string): void {
    this.options.log?.(message);
  }
}

/** The PDF converter the configuration asks for (`PDF_CONVERSION=off`: one that says so). */
export function pdfConverterFrom(config: AppConfig, log?: (message: string) => void): PdfConverter {
  return new PdfConverter({
    disabledReason: config.PDF_CONVERSION === 'off' ? 'it is switched off (PDF_CONVERSION=off)' : undefined,
    soffice: config.SOFFICE_PATH,
    fontconfigFile: config.PDF_FONTCONFIG_FILE ?? REPO_FONTCONFIG_FILE,
    timeoutMs: config.PDF_CONVERSION_TIMEOUT_SECONDS * 1000,
    log,
  });
}

/**
 * At start: with `PDF_CONVERSION=required` a machine without LibreOffice fails here rather than at
 * the first PDF; with `auto` it only says that PDF output is unavailable.
 */
export async function checkPdfConversion(
  converter: PdfConverter,
  config: AppConfig,
  log: (message: string) => void,
): Promise<void> {
  if (config.PDF_CONVERSION === 'off') return;
  const availability = await converter.available();
  if (availability.available) return;
  const message = `PDF output is unavailable: ${availability.reason}`;
  if (config.PDF_CONVERSION === 'required') throw new PdfConversionError('unavailable', message);
  log(`${message}; Word documents are still produced`);
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

async function findExecutable(command: string): Promise<string | null> {
  const candidates = command.includes('/')
    ? [command]
    : (process.env.PATH ?? '')
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.join(dir, command));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

/** Whether `command` runs and exits 0. */
function succeeds(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', env });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

const importsUno = (python: string) => succeeds(python, ['-c', 'import uno']);

/** Whether LibreOffice, reading `fontconfigFile`, finds a font of `family`. */
const fontFound = (fontconfigFile: string, family: string) =>
  succeeds('fc-list', ['-q', family], { ...process.env, FONTCONFIG_FILE: fontconfigFile });

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function tail(output: string[]): string {
  const text = output.join('').trim().split('\n').slice(-5).join(' | ');
  return text ? ` — LibreOffice said: ${text}` : '';
}
