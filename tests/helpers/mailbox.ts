import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

type ReceivedMail = { to: string; subject: string; text: string; html: string; parsed: ParsedMail };

/** A real SMTP server on loopback that keeps every message it receives. */
class Mailbox {
  readonly messages: ReceivedMail[] = [];
  private server: SMTPServer;
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
            this.messages.push({
              to,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              parsed,
            });
            callback();
          })
          .catch(callback);
      },
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) => {
      this.server.listen(0, '127.0.0.1', () => {
        this.port = (this.server.server.address() as { port: number }).port;
        resolve(this.port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  clear(): void {
    this.messages.length = 0;
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.toLowerCase().includes(address.toLowerCase()));
  }

  /** Waits for the n-th message to an address (mail may be sent after the response). */
  async waitFor(address: string, count = 1, timeoutMs = 5000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.to(address);
      if (found.length >= count) return found[count - 1]!;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`No message #${count} to ${address} within ${timeoutMs} ms (have ${this.messages.length} in all)`);
  }

  /** The 6-digit code in the plain-text body of the latest message to an address. */
  async codeFor(address: string, count = 1): Promise<string> {
    const mail = await this.waitFor(address, count);
    const match = /\b(\d{6})\b/.exec(mail.text);
    if (!match) throw new Error(`No 6-digit code in: ${mail.text}`);
    return match[1]!;
  }
}

export const mailbox = new Mailbox();
