/**
 * The demo workspace, as a story: the support team of "Northwind Cloud" (hosted invoicing and
 * payroll) and about thirty of its customers over the last six weeks.
 *
 * This file is content only. build-workspace.ts turns it into SourceRecords (Message-IDs,
 * threading headers, quoting, signatures, flags, stanza ids, CDR fields) deterministically.
 *
 * Conventions used below:
 *  - `at` is '<days ago>d HH:MM' in UTC, counted back from the demo's reference day; the demo
 *    connector later shifts every time so the newest item lands about an hour before "now".
 *    Texts avoid calendar dates, weekdays and month names for the same reason.
 *  - Chat lines are [who, seconds after the previous line, text].
 *  - Cross-channel identity is carried by the content, as in real life: a chat visitor types the
 *    email address of their account, a caller's number is in their email signature or typed in a
 *    chat, some technical customers chat from a JID that equals their email address.
 */
import type { CallOutcome } from '../../src/shared/domain';

export type AgentKey = 'maya' | 'tom' | 'priya' | 'lukas';
export type Who = 'customer' | AgentKey;

export interface Agent {
  name: string;
  email: string;
  /** XMPP resource the agent's client uses on the shared support account. */
  resource: string;
  extension: string;
  title: string;
}

export const TEAM = {
  company: 'Northwind Cloud',
  supportName: 'Northwind Cloud Support',
  supportEmail: 'support@northwind.example',
  emailDomain: 'northwind.example',
  chatAccount: 'support@chat.northwind.example',
  mainLine: '+14155550100',
  mainLineDisplay: '+1 415 555 0100',
  recordingBase: 'https://pbx.northwind.example/recordings/',
  agents: {
    maya: { name: 'Maya Chen', email: 'maya@northwind.example', resource: 'maya', extension: '201', title: 'Support Lead' },
    tom: { name: 'Tom Okafor', email: 'tom@northwind.example', resource: 'tom', extension: '202', title: 'Billing Specialist' },
    priya: { name: 'Priya Raman', email: 'priya@northwind.example', resource: 'priya', extension: '203', title: 'Payroll & API Support Engineer' },
    lukas: { name: 'Lukas Berg', email: 'lukas@northwind.example', resource: 'lukas', extension: '204', title: 'Customer Success, EMEA' },
  } satisfies Record<AgentKey, Agent>,
} as const;

export interface AttachmentSpec {
  filename: string;
  contentType: string;
  size: number;
}

export interface EmailMessageSpec {
  at: string;
  by: Who;
  body: string;
  /** Optional HTML alternative; `body` is then the text/plain part and holds the whole message. */
  html?: string;
  /** Replaces the thread's cc list from this message on (reply-all keeps it). */
  cc?: { name?: string; address: string }[];
  /** Inbound only: sent straight to the agent who last wrote, instead of the team address. */
  toAgent?: AgentKey;
  attachments?: AttachmentSpec[];
  /** Customer replies quote the previous message unless false (only for customers writing English). */
  quote?: boolean;
  /** Append the sender's signature (default true; HTML messages carry their own). */
  signature?: boolean;
  /** Subject override (e.g. a forward). */
  subject?: string;
}

export interface EmailThreadSpec {
  kind: 'email';
  id: string;
  subject: string;
  messages: EmailMessageSpec[];
}

export type ChatLine = [who: Who, afterSec: number, text: string];

export interface ChatSessionSpec {
  kind: 'chat';
  id: string;
  at: string;
  lines: ChatLine[];
}

export interface CallSpec {
  kind: 'call';
  id: string;
  at: string;
  direction: 'inbound' | 'outbound';
  outcome: CallOutcome;
  agent?: AgentKey;
  /** Seconds before the call was answered (or given up). */
  ringSec: number;
  /** Seconds of conversation (or of voicemail message). */
  talkSec?: number;
  recorded?: boolean;
  notes?: string;
  /** A number other than the customer's usual one. */
  number?: string;
  /** Caller ID name as the PBX shows it; null when withheld/unknown. Default: the customer's name. */
  callerName?: string | null;
}

export type ConversationSpec = EmailThreadSpec | ChatSessionSpec | CallSpec;

export interface CustomerSpec {
  id: string;
  name: string;
  company: string;
  /** BCP 47 language the customer writes in. */
  lang: 'en' | 'de' | 'es' | 'ar' | 'ja';
  email?: string;
  /** E.164. */
  phone?: string;
  /** Chat JID when the customer chats from their own XMPP account; otherwise a web-chat visitor JID is derived. */
  jid?: string;
  /** Name shown for the chat peer, when it differs from `name`. */
  chatName?: string;
  /** Appended to the customer's emails. */
  signature?: string;
  /** Numbers the customer also called from that nothing in the data links to them (a merge for the agent to make). */
  unlinkedPhones?: string[];
  conversations: ConversationSpec[];
}

/** Dedent a template literal: drop the first and last line breaks and the common indentation. */
export function t(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n[ \t]*$/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut).trimEnd()).join('\n');
}

// ------------------------------------------------------------------------------------------------

export const CUSTOMERS: CustomerSpec[] = [
  // 1. Billing dispute across all three channels: email, then chat, then a call.
  {
    id: 'dana-whitfield',
    name: 'Dana Whitfield',
    company: 'Acme Logistics',
    lang: 'en',
    email: 'dana.whitfield@acme-logistics.example',
    phone: '+13125550148',
    signature: t`
      Dana Whitfield
      Controller, Acme Logistics
      (312) 555-0148 | acme-logistics.example
    `,
    conversations: [
      {
        kind: 'email',
        id: 'double-charge',
        subject: 'Charged twice for invoice NW-10412',
        messages: [
          {
            at: '9d 15:05',
            by: 'customer',
            cc: [{ name: 'Acme Accounts Payable', address: 'ap@acme-logistics.example' }],
            attachments: [
              { filename: 'NW-10412.pdf', contentType: 'application/pdf', size: 48_213 },
              { filename: 'card-statement.png', contentType: 'image/png', size: 231_877 },
            ],
            body: t`
              Hi Northwind team,

              Our corporate card was charged twice for invoice NW-10412 ($1,248.00): once on the due date and again about four hours later. Both charges have posted, so this isn't a pending authorization. I've attached the invoice and a screenshot of the card statement.

              Please refund the duplicate and let me know what happened. We're on auto-pay, so I need to be sure this won't repeat next month.

              Thanks,
            `,
          },
          {
            at: '9d 17:40',
            by: 'tom',
            body: t`
              Hi Dana,

              Sorry about this, and thanks for the screenshot, it made this quick to trace. Our payment processor timed out on the first attempt, and our automatic retry didn't see that the original charge had actually gone through. So your card was charged twice for NW-10412.

              I've refunded the duplicate $1,248.00 in full (refund reference RF-88213). Card refunds usually appear within 5-10 business days, depending on your bank.

              Our payments team is changing the retry so it checks for a completed charge first. I'll confirm here once that's live, before your next auto-pay date.

              Best,
            `,
          },
          {
            at: '9d 18:12',
            by: 'customer',
            body: t`
              Thanks Tom, appreciate the quick turnaround. I'll watch for the refund.

              Dana
            `,
          },
          {
            at: '8d 22:30',
            by: 'tom',
            body: t`
              Hi Dana,

              Quick follow-up as promised: the fix to the payment retry went live this afternoon. A retry now first checks whether the earlier charge went through, so a timeout can no longer produce a second charge.

              Best,
            `,
          },
          {
            at: '0d 14:10',
            by: 'customer',
            quote: false,
            body: t`
              Hi Tom,

              FYI the refund finally posted to our card this morning. Thanks for getting our bank on the line, that's what sorted it.

              Dana
            `,
          },
        ],
      },
      {
        kind: 'chat',
        id: 'refund-chase',
        at: '2d 16:20',
        lines: [
          ['customer', 0, "Hi, I'm following up on a refund for a double charge. Ref RF-88213"],
          ['tom', 50, 'Hi! This is Tom, I handled that one. Could you confirm the email on the account so I can pull it up?'],
          ['customer', 30, 'dana.whitfield@acme-logistics.example'],
          ['tom', 70, 'Thanks Dana. On our side the refund went out 7 days ago, and the processor confirms it settled to the card network the next day.'],
          ['customer', 45, "Our bank says they don't see anything incoming. It's been over a week and AP asks me about it every day 🙃"],
          ['tom', 60, "Understood. Here's the ARN (acquirer reference number). Your bank can trace a refund with it even before it posts: 74987505310453982001147"],
          ['customer', 40, "Can you just call me? I'll have to conference in the bank anyway. 312-555-0148"],
          ['tom', 25, 'Sure, calling you in two minutes.'],
        ],
      },
      {
        kind: 'call',
        id: 'refund-call',
        at: '2d 16:31',
        direction: 'outbound',
        outcome: 'answered',
        agent: 'tom',
        ringSec: 9,
        talkSec: 552,
        recorded: true,
        notes:
          "Conferenced in Dana's card issuer. Gave them ARN 74987505310453982001147; they found the credit pending and expect it to post within 2 business days. Nothing else needed from us.",
      },
    ],
  },

  // 2. A payroll run failing the day before payday: HTML email, urgent call, later a chat.
  {
    id: 'marcus-bell',
    name: 'Marcus Bell',
    company: 'Brightline Fitness',
    lang: 'en',
    email: 'marcus@brightlinefitness.example',
    phone: '+15125550193',
    signature: t`
      Marcus Bell | Owner, Brightline Fitness
      m: +1 512-555-0193
    `,
    conversations: [
      {
        kind: 'email',
        id: 'payroll-failed',
        subject: 'URGENT: payroll run failed, staff get paid tomorrow',
        messages: [
          {
            at: '3d 13:48',
            by: 'customer',
            signature: false,
            body: t`
              Priya / team,

              This week's payroll run failed overnight and I can't resubmit it. 48 employees get paid tomorrow. The run page says:

              Run:            PR-0046
              Employees:      48
              Net pay total:  $71,906.22
              Status:         Failed - bank file rejected
              Error:          NW-ACH-112 Immediate Origin not recognised by ODFI

              We didn't change anything on our side. Please call me ASAP.

              Marcus

              Marcus Bell | Owner, Brightline Fitness
              m: +1 512-555-0193
            `,
            html: t`
              <div style="font-family:Helvetica,Arial,sans-serif;font-size:14px">
              <p>Priya / team,</p>
              <p>This week's payroll run <b>failed overnight</b> and I can't resubmit it. 48 employees get paid <b>tomorrow</b>. The run page says:</p>
              <table style="border-collapse:collapse" cellpadding="4">
              <tr><td style="color:#555">Run</td><td>PR-0046</td></tr>
              <tr><td style="color:#555">Employees</td><td>48</td></tr>
              <tr><td style="color:#555">Net pay total</td><td>$71,906.22</td></tr>
              <tr><td style="color:#555">Status</td><td style="color:#b00020"><b>Failed - bank file rejected</b></td></tr>
              <tr><td style="color:#555">Error</td><td><code>NW-ACH-112 Immediate Origin not recognised by ODFI</code></td></tr>
              </table>
              <p>We didn't change anything on our side. <b>Please call me ASAP.</b></p>
              <p>Marcus</p>
              <p style="color:#777;font-size:12px">Marcus Bell | Owner, Brightline Fitness<br>m: +1 512-555-0193</p>
              </div>
            `,
          },
          {
            at: '3d 15:36',
            by: 'priya',
            body: t`
              Hi Marcus,

              Good news: First Plains Bank accepted the resubmitted file for PR-0046 at 15:29 (trace number 091000010004567). It's a same-day ACH, so all 48 employees will be paid on time tomorrow.

              For the record, the cause was the new Immediate Origin ID your bank issued; Northwind still had the old one. It's updated now, so future runs will go through as normal. If the bank ever writes to you about "ACH origination changes", forward it to us and we'll check the settings with you.

              Best,
            `,
          },
        ],
      },
      {
        kind: 'call',
        id: 'payroll-call',
        at: '3d 14:02',
        direction: 'inbound',
        outcome: 'answered',
        agent: 'priya',
        ringSec: 14,
        talkSec: 843,
        recorded: true,
        notes:
          "Marcus's bank (First Plains) issued a new Immediate Origin ID for ACH and told him by letter; Northwind still had the old one. Updated it under Settings > Payroll > Bank, regenerated the NACHA file and resubmitted PR-0046. Bank cut-off is 17:00 Central, so same-day settlement still works. Promised an email once the bank acknowledges.",
      },
      {
        kind: 'chat',
        id: 'old-rate',
        at: '1d 15:05',
        lines: [
          ['customer', 0, 'hey, quick payroll question'],
          ['priya', 35, "Hi! Priya here. What's up?"],
          ['customer', 50, 'two of my trainers say their stubs from this run show the old hourly rate. I changed both to $32/hr last week'],
          ['priya', 40, "I can't see which account you're chatting from. What's the email you log in with?"],
          ['customer', 20, 'marcus@brightlinefitness.example'],
          ['priya', 95, 'Thanks Marcus. Found it: both rate changes have an effective date after the end of the pay period this run covered, so the run correctly used the old rate.'],
          ['customer', 40, "ah. that's on me then. can I pay them the difference without waiting for the next payroll?"],
          ['priya', 60, "Yes: Payroll > Off-cycle run > Retro pay. Pick the two trainers and enter the difference; taxes are calculated for you. If you submit before 4pm Central it settles the same day."],
          ['customer', 30, 'perfect, doing it now. thanks!'],
          ['priya', 15, 'Anytime 👍'],
        ],
      },
    ],
  },

  // 3. Japanese customer: email, then chat, then a missed call nobody returned yet.
  {
    id: 'yuki-tanaka',
    name: '田中 由紀',
    company: '株式会社さくらデザインスタジオ (Sakura Design Studio)',
    lang: 'ja',
    email: 'yuki.tanaka@sakura-design.example',
    phone: '+81365550182',
    signature: t`
      田中 由紀（Yuki Tanaka）
      株式会社さくらデザインスタジオ 経理担当
      TEL: 03-6555-0182 / +81 3-6555-0182
    `,
    conversations: [
      {
        kind: 'email',
        id: 'registration-number',
        subject: '適格請求書の登録番号の表示について',
        messages: [
          {
            at: '20d 01:30',
            by: 'customer',
            body: t`
              Northwind Cloud サポート御中

              いつもお世話になっております。株式会社さくらデザインスタジオの田中です。

              インボイス制度に対応するため、弊社が Northwind から発行する請求書に、適格請求書発行事業者の登録番号（T から始まる13桁の番号）を記載したいと考えております。

              設定画面で該当する項目が見つかりませんでした。記載は可能でしょうか。

              お手数ですが、ご確認のほどよろしくお願いいたします。
            `,
          },
          {
            at: '20d 16:45',
            by: 'maya',
            body: t`
              田中様

              Thank you for contacting Northwind Cloud, and my apologies for replying in English.

              Yes, you can print your registration number on invoices. Go to Settings > Company > Tax IDs, click "Add tax ID", choose "Japan: Qualified Invoice Issuer (T-number)" and enter the number including the T. It then appears under your company address on every new invoice and credit note.

              For qualified invoices you will probably also want Settings > Invoices > "Show tax totals per rate", which prints the 10% and 8% subtotals separately.

              よろしくお願いいたします。
            `,
          },
          {
            at: '19d 00:50',
            by: 'customer',
            body: t`
              Maya様

              ご丁寧にありがとうございます。登録番号の設定ができました。

              税率ごとの合計も表示されるようになりましたが、軽減税率（8%）の品目に「※」の印を付ける必要があります。こちらも設定で対応できますでしょうか。

              よろしくお願いいたします。
            `,
          },
          {
            at: '19d 17:20',
            by: 'maya',
            body: t`
              田中様

              Yes: in Settings > Invoices > Tax display, turn on "Mark reduced-rate items". The symbol (※ by default) is then printed next to each 8% line, with the legend 「※は軽減税率対象品目です」 below the totals.

              You can choose a different symbol on the same screen if you prefer.

              よろしくお願いいたします。
            `,
          },
        ],
      },
      {
        kind: 'chat',
        id: 'pdf-font',
        at: '6d 02:10',
        lines: [
          ['customer', 0, 'こんにちは。請求書のPDFについて質問があります。'],
          ['maya', 40, 'Hello! This is Maya from Northwind. Is English OK? (日本語は少しだけです🙏)'],
          ['customer', 70, 'Yes, English OK. Our client says the company name on the invoice PDF is broken: Japanese characters show as boxes (□□□).'],
          ['maya', 45, "Sorry about that! Which email is the account under, so I can open the invoice?"],
          ['customer', 30, 'yuki.tanaka@sakura-design.example です'],
          ['maya', 120, 'Thank you. I see it: the invoice template uses the font "Helvetica", which has no Japanese characters. If you switch Settings > Invoices > Font to "Noto Sans JP", the name prints correctly. Existing invoices are re-rendered when you open them again.'],
          ['customer', 80, '直りました！Thank you very much.'],
          ['maya', 20, 'どういたしまして 😊'],
        ],
      },
      {
        kind: 'call',
        id: 'missed',
        at: '0d 01:12',
        direction: 'inbound',
        outcome: 'missed',
        ringSec: 38,
        callerName: null,
      },
    ],
  },

  // 4. The angry escalation: email, missed call, busy callback, chat, long call, written follow-up.
  {
    id: 'greg-holloway',
    name: 'Greg Holloway',
    company: 'Summit Roofing Co.',
    lang: 'en',
    email: 'greg@summit-roofing.example',
    phone: '+17205550163',
    signature: t`
      Greg Holloway
      Owner, Summit Roofing Co.
      Office 720.555.0163
    `,
    conversations: [
      {
        kind: 'email',
        id: 'irs-letter',
        subject: 'IRS letter about our 941',
        messages: [
          {
            at: '40d 16:05',
            by: 'customer',
            body: t`
              Got a letter from the IRS saying the wages on our 941 don't match what was deposited. You file these for us. What happened?

              Greg
            `,
          },
          {
            at: '40d 19:40',
            by: 'tom',
            body: t`
              Hi Greg,

              Sorry about the letter. I checked with our payroll tax team: the 941 was generated before a correction to one employee's pay was processed. They've filed the corrected figures with the IRS, so no action is needed from you, and it shouldn't happen again.

              If you get another letter about this, forward it to us and we'll handle it.

              Best,
            `,
          },
        ],
      },
      {
        kind: 'email',
        id: 'filing-wrong',
        subject: 'THIRD time your system got our 941 wrong',
        messages: [
          {
            at: '6d 15:22',
            by: 'customer',
            body: t`
              I just got ANOTHER notice from the IRS. This is the third quarter in a row that the 941 you filed for us doesn't match our payroll. Last time I was told it was fixed. It clearly isn't.

              I pay you to get this right so I don't have to. Now my accountant is billing me to sort out your mess and the IRS is talking about penalties.

              I want a manager to call me TODAY. If this isn't fixed we're moving to another provider at the end of the month.
            `,
          },
          {
            at: '6d 17:05',
            by: 'maya',
            cc: [{ name: 'Sandra Ruiz, CPA', address: 'sandra@ruiz-cpa.example' }],
            body: t`
              Hi Greg,

              Thank you for taking the time to talk just now. As promised, here is what we agreed, in writing (I've copied Sandra, as you asked):

              1. What went wrong: retro pay for two of your crew was entered after last quarter's 941 had been generated, and our filing used the totals from before the adjustment. That was a bug on our side (NW-4710). It's fixed for new filings, but your earlier quarters were filed before the fix.
              2. We will prepare and file a 941-X for the affected quarter. You don't need to do anything; Sandra will get a copy.
              3. Northwind covers any IRS penalty and interest that results from this. Send me any notice you receive and we'll take care of it.
              4. We've credited three months of your subscription ($387.00); you'll see it on your next invoice.

              I'll send you the IRS confirmation for the 941-X as soon as we have it. My direct line is below if anything else comes up.

              Maya
            `,
          },
          {
            at: '5d 14:30',
            by: 'customer',
            body: t`
              Maya,

              Appreciate the call and the straight answer. We'll see how the 941-X goes.

              Greg
            `,
          },
          {
            at: '1d 21:10',
            by: 'maya',
            attachments: [{ filename: '941-X-acceptance.pdf', contentType: 'application/pdf', size: 88_412 }],
            body: t`
              Hi Greg,

              The IRS accepted the 941-X today; the acceptance confirmation is attached, and Sandra has a copy too.

              If the IRS sends anything else about that quarter, forward it to me and we'll handle it.

              Maya
            `,
          },
        ],
      },
      {
        kind: 'call',
        id: 'queue-timeout',
        at: '6d 15:41',
        direction: 'inbound',
        outcome: 'missed',
        ringSec: 180,
        callerName: 'SUMMIT ROOFING',
      },
      {
        kind: 'call',
        id: 'callback-busy',
        at: '6d 16:02',
        direction: 'outbound',
        outcome: 'busy',
        agent: 'maya',
        ringSec: 4,
      },
      {
        kind: 'chat',
        id: 'anyone-there',
        at: '6d 16:09',
        lines: [
          ['customer', 0, "I've emailed and I've called. Is anyone actually there?"],
          ['maya', 30, "Hi, this is Maya Chen, I lead the support team. I'm sorry: I just tried to call you back but the line was busy. Is this about your 941 email from this morning?"],
          ['customer', 25, 'yes. greg@summit-roofing.example. I was on the phone with my accountant'],
          ['maya', 40, "Thanks Greg. I've read your email and I have your account open. Can I call you at 720-555-0163 in 5 minutes? I'd rather talk this through than type it."],
          ['customer', 15, 'fine'],
          ['maya', 10, 'Thank you. Calling you shortly.'],
        ],
      },
      {
        kind: 'call',
        id: 'escalation',
        at: '6d 16:15',
        direction: 'outbound',
        outcome: 'answered',
        agent: 'maya',
        ringSec: 11,
        talkSec: 1394,
        recorded: true,
        notes:
          'Escalation. Angry but fair. Root cause: retro pay for 2 crew members entered after the 941 was generated; our filing used the pre-adjustment totals (bug NW-4710, fixed two weeks ago, his earlier quarters predate the fix). Agreed: we file the 941-X ourselves, cover any IRS penalty and interest, credit 3 months of subscription. Written summary by email today (cc his CPA Sandra Ruiz), 941-X confirmation when accepted. He stays for now.',
      },
    ],
  },

  // 5. Indian customer with a Devanagari display name: GST invoices, a call, an unreturned voicemail.
  {
    id: 'ananya-sharma',
    name: 'अनन्या शर्मा',
    company: 'Kaveri Exports Pvt. Ltd.',
    lang: 'en',
    email: 'ananya.sharma@kaveri-exports.example',
    phone: '+919845012345',
    signature: t`
      अनन्या शर्मा | Ananya Sharma
      Finance Manager, Kaveri Exports Pvt. Ltd.
      Bengaluru | +91 98450 12345
    `,
    conversations: [
      {
        kind: 'email',
        id: 'gst-invoices',
        subject: 'GSTIN and SAC codes on invoices',
        messages: [
          {
            at: '15d 06:10',
            by: 'customer',
            body: t`
              Namaste,

              We invoice our Indian clients from Northwind. Our auditor has pointed out that our invoices need to show:

              - our GSTIN (29ABCDE1234F1Z5)
              - the client's GSTIN
              - a SAC code on each service line
              - CGST + SGST for clients in Karnataka, and IGST for clients in other states

              At the moment the invoice shows one line called "Tax 18%". Is this possible in Northwind, or do we need to do it another way?

              Regards,
            `,
          },
          {
            at: '15d 08:02',
            by: 'priya',
            body: t`
              Namaste Ananya,

              Yes, all of that is supported; it just needs to be switched on:

              1. Settings > Company > Tax IDs: add your GSTIN. Northwind reads your state from it (29 = Karnataka).
              2. On each client's page, add their GSTIN. The place of supply is then set from their state code automatically.
              3. Settings > Taxes > India GST: turn on "Split intra-state tax". Karnataka clients then get CGST 9% + SGST 9%, everyone else IGST 18%.
              4. On each item in your catalogue, fill in the SAC code (for example 998314 for IT consulting). It's printed on every invoice line.

              Invoices that are already issued don't change. If you need corrected copies for the auditor, issue a credit note and re-invoice; I'm happy to walk you through it.

              Regards,
            `,
          },
          {
            at: '14d 05:20',
            by: 'customer',
            body: t`
              Thank you Priya, this is very clear. We have set it up and the new invoices look right. For two invoices from last month I will do the credit note and re-invoice as you said.

              Regards,
            `,
          },
          {
            at: '14d 06:05',
            by: 'priya',
            body: t`
              Great to hear, Ananya! If you'd like company for the credit notes, call me and we'll do them together; it takes about five minutes per invoice.

              Regards,
            `,
          },
        ],
      },
      {
        kind: 'call',
        id: 'credit-notes',
        at: '4d 07:15',
        direction: 'inbound',
        outcome: 'answered',
        agent: 'priya',
        ringSec: 12,
        talkSec: 388,
        callerName: 'Ananya Sharma',
        notes: 'Ananya re-issuing two invoices for the auditor. Walked her through Credit note > "Re-invoice with current tax settings". Both done while we were on the call.',
      },
      {
        kind: 'call',
        id: 'voicemail',
        at: '0d 09:05',
        direction: 'inbound',
        outcome: 'voicemail',
        ringSec: 25,
        talkSec: 41,
        recorded: true,
        callerName: 'Ananya Sharma',
        notes:
          'Voicemail (transcribed): "Hi Priya, this is Ananya from Kaveri Exports. One of the credit notes we issued shows IGST instead of CGST and SGST, even though the client is in Bengaluru. Could you please call me back? I am on 98450 12345. Thank you."',
      },
    ],
  },

  // 6. German customer writing in German; the EMEA agent answers in German.
  {
    id: 'jonas-weber',
    name: 'Jonas Weber',
    company: 'Müller Bau GmbH',
    lang: 'de',
    email: 'j.weber@mueller-bau.example',
    phone: '+498923125847',
    signature: t`
      Jonas Weber
      Lohnbuchhaltung
      Müller Bau GmbH · Landsberger Str. 112 · 80339 München
      Tel. +49 89 23125847
    `,
    conversations: [
      {
        kind: 'email',
        id: 'datev-export',
        subject: 'Export der Lohndaten für unseren Steuerberater (DATEV)',
        messages: [
          {
            at: '18d 08:40',
            by: 'customer',
            body: t`
              Sehr geehrte Damen und Herren,

              unser Steuerberater arbeitet mit DATEV und bittet uns, die Lohndaten künftig monatlich als DATEV-Buchungsstapel zu übermitteln. Bisher exportieren wir aus Northwind nur eine CSV-Datei, die er jedes Mal von Hand umbauen muss.

              Gibt es in Northwind einen DATEV-Export? Falls ja: Wo finde ich ihn, und welche Einstellungen brauchen wir für den Kontenrahmen SKR 04?

              Vielen Dank im Voraus.

              Mit freundlichen Grüßen
            `,
          },
          {
            at: '18d 10:05',
            by: 'lukas',
            body: t`
              Hallo Herr Weber,

              vielen Dank für Ihre Nachricht. Ja, Northwind kann die Lohndaten direkt als DATEV-Buchungsstapel (EXTF-Format) exportieren:

              1. Einstellungen > Buchhaltung > DATEV: Beraternummer und Mandantennummer Ihres Steuerberaters eintragen.
              2. Als Kontenrahmen „SKR 04“ wählen. Die Standardkonten (z. B. 6020 Gehälter, 3720 Verbindlichkeiten aus Lohn und Gehalt) sind vorbelegt und lassen sich anpassen.
              3. Unter Berichte > Export > „DATEV-Buchungsstapel“ den Abrechnungsmonat wählen und die Datei herunterladen.

              Ihr Steuerberater kann die Datei ohne Umbau in DATEV Rechnungswesen importieren.

              Viele Grüße aus Berlin
            `,
          },
          {
            at: '17d 13:15',
            by: 'customer',
            body: t`
              Hallo Herr Berg,

              vielen Dank, der Export hat funktioniert. Unser Steuerberater hat die Datei importiert, merkt aber an, dass die Arbeitgeberanteile zur Sozialversicherung alle auf einem Konto landen. Er hätte sie gern getrennt nach Kranken-, Renten-, Arbeitslosen- und Pflegeversicherung.

              Lässt sich das einstellen?

              Mit freundlichen Grüßen
            `,
          },
          {
            at: '17d 14:30',
            by: 'lukas',
            body: t`
              Hallo Herr Weber,

              das geht: Unter Einstellungen > Buchhaltung > DATEV > Kontenzuordnung finden Sie bei „Arbeitgeberanteile“ den Schalter „Nach Versicherungszweig aufteilen“. Danach ordnen Sie jedem Zweig ein eigenes Konto zu. Ihr Steuerberater kann mir die gewünschten Konten auch gern direkt schicken, dann trage ich sie für Sie ein.

              Viele Grüße
            `,
          },
        ],
      },
      {
        kind: 'email',
        id: 'vat-id',
        subject: 'Rechnung NW-10388: falsche USt-IdNr.',
        messages: [
          {
            at: '7d 09:10',
            by: 'customer',
            toAgent: 'lukas',
            body: t`
              Hallo Herr Berg,

              auf Ihrer letzten Rechnung an uns (NW-10388) steht eine falsche Umsatzsteuer-Identifikationsnummer: DE 312 456 789 statt unserer DE 298 765 432. Da die Rechnung im Reverse-Charge-Verfahren ausgestellt ist, braucht unsere Buchhaltung eine korrigierte Rechnung.

              Können Sie die Rechnung bitte neu ausstellen?

              Mit freundlichen Grüßen
            `,
          },
          {
            at: '7d 10:20',
            by: 'lukas',
            attachments: [{ filename: 'NW-10388-K.pdf', contentType: 'application/pdf', size: 52_904 }],
            body: t`
              Hallo Herr Weber,

              entschuldigen Sie bitte den Fehler. In Ihrem Kundenkonto war noch die USt-IdNr. aus der Testphase hinterlegt. Ich habe sie korrigiert und die Rechnung als NW-10388-K neu ausgestellt (im Anhang); die ursprüngliche Rechnung ist storniert.

              Viele Grüße
            `,
          },
        ],
      },
      {
        kind: 'call',
        id: 'follow-up',
        at: '2d 08:30',
        direction: 'inbound',
        outcome: 'answered',
        agent: 'lukas',
        ringSec: 8,
        talkSec: 246,
        notes:
          'Call in German. Their accounting accepted the corrected invoice NW-10388-K. Asked whether the DATEV export can run automatically every month: scheduled exports are on the roadmap, no date yet. Logged his vote on FR-1102.',
      },
    ],
  },

  // 7. Spanish customer writing in Spanish: SEPA return by email, chat, missed call and callback.
  {
    id: 'lucia-fernandez',
    name: 'Lucía Fernández',
    company: 'Ibérica Gourmet S.L.',
    lang: 'es',
    email: 'lucia.fernandez@iberica-gourmet.example',
    phone: '+34915550123',
    signature: t`
      Lucía Fernández
      Administración · Ibérica Gourmet S.L.
      Tel. +34 915 55 01 23
    `,
    conversations: [
      {
        kind: 'email',
        id: 'sepa-return',
        subject: 'Devolución del recibo SEPA – cambio de cuenta bancaria',
        messages: [
          {
            at: '11d 09:30',
            by: 'customer',
            body: t`
              Hola:

              Nos ha llegado un aviso de que el adeudo SEPA de vuestra última factura (NW-10355) ha sido devuelto. Hemos cambiado de banco y la cuenta antigua ya está cerrada.

              La cuenta nueva es ES91 2100 0418 4502 0005 1332 (CaixaBank). ¿Podéis actualizarla y volver a pasar el cargo? ¿Hay algún recargo por la devolución?

              Gracias y un saludo,
              Lucía
            `,
          },
          {
            at: '11d 16:40',
            by: 'tom',
            body: t`
              Hola Lucía:

              Gracias por avisarnos. No hay ningún recargo por la devolución.

              Por seguridad no cambiamos datos bancarios por correo electrónico, pero puedes hacerlo tú misma en un minuto: Ajustes > Facturación > Método de pago > «Sustituir mandato SEPA». En cuanto firmes el mandato nuevo con la cuenta de CaixaBank, volveremos a pasar el cargo de la factura NW-10355 automáticamente en 2 o 3 días hábiles.

              Un saludo,
            `,
          },
        ],
      },
      {
        kind: 'chat',
        id: 'charge-status',
        at: '3d 16:30',
        lines: [
          ['customer', 0, 'Hola, soy Lucía de Ibérica Gourmet. ¿Me podéis confirmar si ya se ha cobrado la factura NW-10355?'],
          ['tom', 45, '¡Hola Lucía! Soy Tom. ¿Me confirmas el email de la cuenta para buscarla?'],
          ['customer', 30, 'lucia.fernandez@iberica-gourmet.example'],
          ['tom', 60, 'Gracias. Sí: el cargo a la cuenta nueva se cobró sin problemas y la factura NW-10355 ya figura como pagada. Tienes el recibo en Facturación > Historial.'],
          ['customer', 35, 'Perfecto. Otra cosa: ¿podemos recibir las facturas también en otra dirección? Queremos que lleguen a facturas@iberica-gourmet.example'],
          ['tom', 50, 'Claro. Se añade en Ajustes > Facturación > «Enviar facturas a». Si quieres, lo hago yo ahora.'],
          ['customer', 20, 'Sí, por favor 🙏'],
          ['tom', 40, 'Hecho ✅ Las próximas facturas llegarán a las dos direcciones.'],
        ],
      },
      {
        kind: 'call',
        id: 'missed',
        at: '1d 09:20',
        direction: 'inbound',
        outcome: 'missed',
        ringSec: 31,
        callerName: null,
      },
      {
        kind: 'call',
        id: 'callback',
        at: '1d 16:05',
        direction: 'outbound',
        outcome: 'answered',
        agent: 'tom',
        ringSec: 16,
        talkSec: 301,
        notes:
          'Returned her missed call (in Spanish). Their bank charges a fee for every SEPA debit, so she asked about annual billing: quoted annual Business, two months free. She will check with the owner; follow up next week if no news.',
      },
    ],
  },

  // 8. Arabic (RTL) email with an attachment, still waiting for an answer, plus a missed call.
  {
    id: 'omar-al-mansouri',
    name: 'عمر المنصوري',
    company: 'Gulf Freight Services LLC',
    lang: 'ar',
    email: 'omar@gulf-freight.example',
    phone: '+97143312345',
    signature: t`
      عمر المنصوري
      مدير الحسابات – خدمات الخليج للشحن
      هاتف: +971 4 331 2345
    `,
    conversations: [
      {
        kind: 'email',
        id: 'bilingual-invoices',
        subject: 'طلب: فواتير باللغتين العربية والإنجليزية',
        messages: [
          {
            at: '5d 06:40',
            by: 'customer',
            body: t`
              السلام عليكم،

              نستخدم Northwind لإصدار الفواتير لعملائنا في الإمارات. وفقاً لمتطلبات الهيئة الاتحادية للضرائب، يجب أن تكون الفاتورة الضريبية باللغة العربية أو باللغتين العربية والإنجليزية، وأن تتضمن رقم التسجيل الضريبي (TRN) الخاص بنا.

              هل يمكن إعداد قالب فاتورة ثنائي اللغة؟ وهل يمكن أن يظهر مبلغ ضريبة القيمة المضافة (5%) بالدرهم الإماراتي حتى لو كانت الفاتورة بالدولار الأمريكي؟

              شكراً لكم،
              عمر
            `,
          },
          {
            at: '5d 08:30',
            by: 'priya',
            attachments: [{ filename: 'sample-bilingual-invoice.pdf', contentType: 'application/pdf', size: 96_310 }],
            body: t`
              وعليكم السلام Omar,

              Thank you for your message. I'm replying in English; I hope that's alright.

              Yes to both:

              1. Settings > Invoices > Templates > "Bilingual (Arabic / English)". Labels, your company details and the totals are printed in both languages. You can enter the Arabic version of your company name and address under Settings > Company.
              2. Add your TRN under Settings > Company > Tax IDs ("UAE: Tax Registration Number"). It appears in the header of every tax invoice.
              3. For invoices in USD (or any other currency), turn on "Show VAT in AED" on the template screen: the VAT amount and the exchange rate used are printed in AED, as the FTA requires.

              I've attached a sample bilingual invoice so you can see the layout.

              Best regards,
            `,
          },
          {
            at: '1d 07:15',
            by: 'customer',
            attachments: [{ filename: 'arabic-names-in-pdf.png', contentType: 'image/png', size: 184_052 }],
            body: t`
              شكراً جزيلاً Priya،

              قمنا بتفعيل القالب ثنائي اللغة وهو ممتاز. لكن هناك مشكلة: أسماء العملاء باللغة العربية تظهر في ملف PDF بحروف منفصلة وغير متصلة، ومن اليسار إلى اليمين. أرفقت صورة توضح المشكلة.

              هل يوجد حل لذلك؟ لا يمكننا إرسال الفواتير إلى عملائنا بهذا الشكل.

              مع التحية،
              عمر
            `,
          },
        ],
      },
      {
        kind: 'call',
        id: 'missed',
        at: '0d 06:05',
        direction: 'inbound',
        outcome: 'missed',
        ringSec: 30,
        callerName: null,
      },
    ],
  },

  // 9. SSO setup: a long technical email thread, a recorded screen-share call, now waiting.
  {
    id: 'sophie-turner',
    name: 'Sophie Turner',
    company: 'Hartley & Finch LLP',
    lang: 'en',
    email: 's.turner@hartleyfinch.example',
    phone: '+442079460321',
    signature: t`
      Sophie Turner
      IT Operations Lead | Hartley & Finch LLP
      1 Fleet Lane, London EC4A 1AA
      T: +44 20 7946 0321
    `,
    conversations: [
      {
        kind: 'email',
        id: 'sso-entra',
        subject: 'SSO with Microsoft Entra ID',
        messages: [
          {
            at: '25d 09:15',
            by: 'customer',
            body: t`
              Hello,

              We'd like to set up SAML single sign-on for our 85 users with Microsoft Entra ID (Azure AD). Could you send the service provider details we need for the enterprise application: Entity ID, ACS / reply URL and the attributes you expect?

              We're on the Business plan; I understand SSO is included.

              Many thanks,
            `,
          },
          {
            at: '25d 10:40',
            by: 'lukas',
            attachments: [{ filename: 'northwind-sp-metadata-hartley-finch.xml', contentType: 'application/samlmetadata+xml', size: 7_420 }],
            body: t`
              Hi Sophie,

              Thanks for getting in touch. SSO is included in Business. Here's what the Entra ID enterprise application needs:

                Identifier (Entity ID):  https://app.northwind.example/saml/hartley-finch
                Reply URL (ACS):         https://app.northwind.example/saml/hartley-finch/acs
                Sign-on URL:             https://app.northwind.example/login/hartley-finch
                NameID:                  user.mail (email address format)
                Optional attributes:     givenname, surname, department

              Our SP metadata is attached if you'd rather upload that. Once the app exists, send me its federation metadata XML and I'll turn SSO on for your workspace in test mode, so password logins keep working while you try it.

              Best regards,
            `,
          },
          {
            at: '24d 14:20',
            by: 'customer',
            attachments: [{ filename: 'HartleyFinch-Northwind-federationmetadata.xml', contentType: 'application/xml', size: 5_871 }],
            body: t`
              Hi Lukas,

              Thanks. Federation metadata attached.

              The first test fails though. After signing in to Microsoft I get:

                AADSTS50011: The redirect URI 'https://app.northwind.example/saml/acs' specified in the request does not match the redirect URIs configured for the application.

              Any idea?

              Sophie
            `,
          },
          {
            at: '24d 15:05',
            by: 'lukas',
            body: t`
              Hi Sophie,

              That one's on our side, sorry: your workspace still used the shared ACS URL (/saml/acs) instead of your own. I've corrected it; please try again.

              If it still fails, I'm happy to get on a call and look at it together.

              Best regards,
            `,
          },
          {
            at: '24d 15:32',
            by: 'customer',
            body: t`
              Same error, I'm afraid. A call would be great. Tomorrow 10:00 UK time?

              Sophie
            `,
          },
          {
            at: '16d 11:45',
            by: 'customer',
            quote: false,
            body: t`
              Hi Lukas,

              We're ready to enforce SSO for everyone from Monday. Two of our users are external contractors without Entra accounts. What happens to them once SSO is enforced?

              Thanks,
              Sophie
            `,
          },
          {
            at: '16d 13:10',
            by: 'lukas',
            body: t`
              Hi Sophie,

              Good to hear! When you enforce SSO you can keep password login for named users: Settings > Security > SSO > Exceptions. Add the two contractors there; they keep signing in with password and two-factor authentication, and everyone else goes through Entra ID.

              Best regards,
            `,
          },
          {
            at: '2d 09:20',
            by: 'customer',
            body: t`
              Hi Lukas,

              SSO is enforced and working for almost everyone. One partner, Richard Hale, is stuck in a redirect loop: Northwind sends him to Microsoft, Microsoft signs him in and sends him back, and it starts again. We've cleared cookies and tried another browser, same thing.

              He has client meetings all week and needs access. Could you look at the logs?

              Thanks,
              Sophie
            `,
          },
        ],
      },
      {
        kind: 'call',
        id: 'screen-share',
        at: '23d 10:00',
        direction: 'outbound',
        outcome: 'answered',
        agent: 'lukas',
        ringSec: 6,
        talkSec: 1862,
        recorded: true,
        notes:
          "Screen share with Sophie and James (their Entra admin). Two problems: the enterprise app still had an old test reply URL marked as default, and NameID was user.userprincipalname (6 users' UPNs differ from their email). Fixed both; test logins worked for Sophie, James and one partner. They'll announce it to staff and enforce SSO in about a week.",
      },
    ],
  },

  // 10. Data export: chat first, then an email thread ending in a feature request.
  {
    id: 'kevin-obrien',
    name: "Kevin O'Brien",
    company: 'Tidewater Marine Supply',
    lang: 'en',
    email: 'kevin@tidewater-marine.example',
    signature: t`
      Kevin O'Brien
      Operations Manager, Tidewater Marine Supply
      (757) 555-0124
    `,
    conversations: [
      {
        kind: 'chat',
        id: 'export-timeout',
        at: '13d 17:30',
        lines: [
          ['customer', 0, 'Hi. I need to export every invoice since 2019 for our auditors and the export keeps timing out'],
          ['maya', 40, "Hi Kevin, Maya here. Exports that big run in the background: on Reports > Export pick the date range and tick \"Email me when it's ready\". Six years of invoices takes a while, but it won't time out."],
          ['customer', 60, 'ok found it. started it'],
          ['maya', 30, "Great. Which address do you log in with? I'll keep an eye on the job."],
          ['customer', 20, 'kevin@tidewater-marine.example'],
          ['maya', 90, 'Thanks. I can see it running: about 14,200 invoices. You should have the email within the hour.'],
          ['customer', 40, 'great, thanks'],
          ['maya', 15, '👍'],
        ],
      },
      {
        kind: 'email',
        id: 'link-expired',
        subject: 'Export link expired before our auditor could use it',
        messages: [
          {
            at: '12d 19:10',
            by: 'customer',
            toAgent: 'maya',
            body: t`
              Hi Maya,

              The export worked, thanks. The problem: I forwarded the link to our auditor and by the time she got to it, it said "This link has expired". She's asking for it again.

              How long are these links good for? Can you make a new one without re-running the whole export?

              Kevin
            `,
          },
          {
            at: '12d 20:05',
            by: 'maya',
            body: t`
              Hi Kevin,

              Export links are valid for 72 hours. That's deliberate, since the file holds all of your invoice data. You don't need to re-run it though: under Reports > Export > History, click "New link" next to the export and you get a fresh 72-hour link.

              For an auditor there's a better option: invite her as a user with the "Auditor (read-only)" role. She can download whatever she needs herself, and you remove her access when the audit is over.

              Best,
            `,
          },
          {
            at: '11d 13:30',
            by: 'customer',
            body: t`
              That works, I've invited her as an auditor.

              Feature request though: let us pick the expiry when we create the link. 72 hours is too short when you're dealing with outside firms.

              Kevin
            `,
          },
          {
            at: '11d 16:45',
            by: 'maya',
            body: t`
              Hi Kevin,

              Makes sense. I've logged it as a feature request (FR-1187) with your use case, and I'll let you know if it gets scheduled.

              Best,
            `,
          },
        ],
      },
    ],
  },

  // 11. A model bug report with steps to reproduce, a workaround, a fix.
  {
    id: 'elena-petrova',
    name: 'Elena Petrova',
    company: 'Polar Analytics Ltd',
    lang: 'en',
    email: 'elena.petrova@polar-analytics.example',
    signature: t`
      Elena Petrova
      Head of Finance · Polar Analytics Ltd · Dublin
    `,
    conversations: [
      {
        kind: 'email',
        id: 'currency-symbol',
        subject: 'Bug: invoice PDF shows £ instead of € for Irish clients',
        messages: [
          {
            at: '8d 10:25',
            by: 'customer',
            attachments: [{ filename: 'preview-vs-pdf.png', contentType: 'image/png', size: 412_338 }],
            body: t`
              Hi,

              I think I've found a bug in the PDF invoices.

              Steps to reproduce:
              1. Create a client with country = Ireland, language = English, currency = EUR.
              2. Create an invoice for that client with any line (e.g. 1 × Consulting at 100.00).
              3. Open the invoice preview in the browser: the total shows €100.00 (correct).
              4. Click "Download PDF".

              Expected: the PDF total reads €100.00.
              Actual: the PDF total reads £100.00. The amounts are right, only the symbol is wrong.

              It only happens for clients in Ireland; clients in Germany and France are fine. Same result in every browser we tried, so I assume it happens where the PDF is generated.

              Screenshot of the preview next to the PDF attached. Two clients have already asked us why we're suddenly billing them in sterling...

              Thanks,
              Elena
            `,
          },
          {
            at: '8d 16:20',
            by: 'maya',
            body: t`
              Hi Elena,

              Thank you for the clear steps; I reproduced it on the first try. When a client's language is plain "English", the PDF renderer falls back to the UK format for Irish clients, which is where the £ comes from. I've filed it as bug NW-4821 with your steps and screenshot.

              Workaround until it's fixed: on the client's page set the language to "English (Ireland)" explicitly. PDFs for that client then print € correctly. For the two invoices already sent, re-download the PDF after changing the setting: you get a corrected copy with the same invoice number.

              Sorry for the trouble with your clients.

              Best,
            `,
          },
          {
            at: '8d 16:52',
            by: 'customer',
            body: t`
              Workaround works, thanks Maya. Quickest bug confirmation I've ever had from a vendor :)

              Elena
            `,
          },
          {
            at: '1d 18:30',
            by: 'maya',
            body: t`
              Hi Elena,

              The fix for NW-4821 was released this morning: Irish clients get € on their PDFs again, whatever their language setting. You can undo the workaround whenever it suits you.

              Thanks again for such a clear report.

              Best,
            `,
          },
          {
            at: '0d 10:40',
            by: 'customer',
            body: t`
              Confirmed fixed on our side. Thanks for following up!

              Elena
            `,
          },
        ],
      },
    ],
  },

  // 12. Cancellation save: email, chat, confirmation email.
  {
    id: 'natalie-brooks',
    name: 'Natalie Brooks',
    company: 'Bloom & Stem Florals',
    lang: 'en',
    email: 'natalie@bloomandstem.example',
    signature: t`
      Natalie Brooks · Bloom & Stem Florals
      503-555-0177
    `,
    conversations: [
      {
        kind: 'email',
        id: 'cancel',
        subject: 'Cancel our subscription',
        messages: [
          {
            at: '8d 18:05',
            by: 'customer',
            body: t`
              Hi,

              Please cancel our Northwind subscription at the end of this billing period.

              The new pricing takes us from $49 to $69 a month, and honestly we don't use most of it: we send about 40 invoices a month and don't run payroll through you. It's hard to justify for a shop our size.

              Thanks,
              Natalie
            `,
          },
          {
            at: '8d 20:15',
            by: 'tom',
            body: t`
              Hi Natalie,

              Thanks for letting us know, and for telling us why. That really helps.

              Before you go, one option: with about 40 invoices a month and no payroll, you fit our Starter plan at $29/month. It has invoicing, online payments and automatic payment reminders, just not payroll or extra user logins. Your invoices, clients and settings stay exactly as they are, and you'd pay $40 less than the new price.

              If you'd still rather cancel, that's completely fine. I'll cancel at the end of your billing period, and your data stays available to export for 90 days afterwards.

              Just reply and let me know which you prefer.

              Best,
            `,
          },
          {
            at: '7d 17:55',
            by: 'tom',
            body: t`
              Hi Natalie,

              Confirming what we did in chat:

              - Plan: Starter, $29/month, from today
              - Credit for the rest of this month: $13.40, applied to your next invoice
              - Cancellation: withdrawn

              If Starter ever turns out not to be enough, you can switch plans yourself under Settings > Billing.

              Best,
            `,
          },
        ],
      },
      {
        kind: 'chat',
        id: 'starter-plan',
        at: '7d 17:40',
        lines: [
          ['customer', 0, 'Hi, Tom emailed me about the Starter plan. Quick question before I decide'],
          ['tom', 45, "Hi Natalie, that's me 🙂 Go ahead!"],
          ['customer', 60, "Does Starter still send the automatic payment reminders? That's honestly the main thing we use"],
          ['tom', 40, "Yes: reminders before and after the due date, with your own wording. What Starter doesn't have is custom branding on the client portal, or more than one user login."],
          ['customer', 50, "It's just me, so that's fine. Ok let's switch. The account is natalie@bloomandstem.example"],
          ['tom', 70, "Done! You're on Starter from today. The unused part of this month shows up as a $13.40 credit on your next invoice. I'll send you a confirmation by email too."],
          ['customer', 20, 'Perfect. Thanks for not making this painful!'],
          ['tom', 25, 'Glad we could keep you, Natalie. Enjoy the rest of your day 🌷'],
        ],
      },
    ],
  },

  // 13. Feature request over chat only.
  {
    id: 'arjun-mehta',
    name: 'Arjun Mehta',
    company: 'Copperleaf Coffee Roasters',
    lang: 'en',
    email: 'arjun@copperleafcoffee.example',
    conversations: [
      {
        kind: 'chat',
        id: 'usage-billing',
        at: '4d 19:20',
        lines: [
          ['customer', 0, 'Hi there! Feature request / question. We sell coffee subscriptions to offices, billed monthly by the kilo. Right now I edit 60 recurring invoices by hand every month to change the quantities 😅'],
          ['maya', 50, 'Hi Arjun! Oof, 60 by hand is painful. Where do the quantities come from: a spreadsheet, your shop system…?'],
          ['customer', 45, 'Our order system (Shopify). I export a CSV at the end of the month.'],
          ['maya', 90, 'Then there are two options today: 1) Recurring invoices > Import quantities: upload the CSV (client, item, quantity) and it updates all the next drafts in one go. 2) To automate it, our API has a "usage records" endpoint, and there is a Zapier action for it too.'],
          ['customer', 60, "oh the CSV import might do it. but what I'd really love is real usage-based pricing: tiers per kilo (first 10kg at one price, the rest cheaper)"],
          ['maya', 70, "Tiered pricing on a line isn't there yet, but it's one of our most requested features. I've added your vote and your example to FR-0932. Would you like to try the beta when it's ready?"],
          ['customer', 20, 'absolutely, sign me up. arjun@copperleafcoffee.example'],
          ['maya', 25, 'Done ✅ Thanks Arjun!'],
        ],
      },
    ],
  },

  // 14. Feature request by email, a voicemail left by the team, an invitation to a beta.
  {
    id: 'liam-murphy',
    name: 'Liam Murphy',
    company: 'Greenway Property Management',
    lang: 'en',
    email: 'liam.murphy@greenway-pm.example',
    phone: '+441614960155',
    signature: t`
      Liam Murphy
      Accounts Manager, Greenway Property Management
      +44 161 496 0155
    `,
    conversations: [
      {
        kind: 'email',
        id: 'reminder-schedules',
        subject: 'Feature request: reminder schedules per tenant',
        messages: [
          {
            at: '22d 10:05',
            by: 'customer',
            body: t`
              Hi Northwind team,

              We manage about 300 residential and commercial tenants and use Northwind for rent invoices. The automatic reminders work well, but we need different schedules for different tenants: tenants on a payment plan shouldn't get the standard "overdue" reminder on day 3, and commercial tenants need a firmer reminder on day 7 with a late-fee notice.

              Right now it's one schedule for everyone. Is per-client (or per-group) scheduling on the roadmap? SMS reminders would also be a big help; half our tenants never read email.

              Cheers,
            `,
          },
          {
            at: '21d 17:30',
            by: 'maya',
            body: t`
              Hi Liam,

              Thanks for the detailed write-up, that's really useful.

              Part of this works today: you can create several reminder schedules (Settings > Reminders > New schedule) and pick one on each client's page. For tenants on a payment plan, choose "No reminders" and their instalment invoices won't trigger overdue notices.

              What's missing is setting the schedule for a whole group of clients at once, and SMS reminders. I've logged both (FR-1044 and FR-0987) with your numbers. SMS in particular is being worked on right now.

              Best,
            `,
          },
          {
            at: '21d 18:10',
            by: 'customer',
            body: t`
              Brilliant, didn't know about multiple schedules. That covers most of it. Keep me posted on SMS!

              Liam
            `,
          },
          {
            at: '3d 16:20',
            by: 'maya',
            body: t`
              Hi Liam,

              I've just left you a voicemail too. Good news: SMS reminders are now in beta, and since you asked for them I'd like to offer Greenway a spot. It's free during the beta, and we cover the SMS costs.

              If you're interested, just reply here and I'll switch it on for your account.

              Best,
            `,
          },
        ],
      },
      {
        kind: 'call',
        id: 'beta-voicemail',
        at: '3d 16:10',
        direction: 'outbound',
        outcome: 'voicemail',
        agent: 'maya',
        ringSec: 22,
        talkSec: 38,
        notes: 'No answer, left a voicemail: SMS reminders beta is open, he asked for it a few weeks ago. Following up by email.',
      },
    ],
  },

  // 15. API customer chatting from his own XMPP account (JID = email): chats and a call.
  {
    id: 'carlos-souza',
    name: 'Carlos Souza',
    company: 'Vila Nova Software',
    lang: 'en',
    email: 'carlos@vilanova-software.example',
    jid: 'carlos@vilanova-software.example',
    phone: '+5511987654321',
    conversations: [
      {
        kind: 'chat',
        id: 'rate-limits',
        at: '10d 14:10',
        lines: [
          ['customer', 0, "Hi Priya, it's Carlos from Vila Nova. We're getting HTTP 429 from /v2/invoices during our nightly sync"],
          ['priya', 40, 'Hi Carlos! Roughly how many requests does the sync send?'],
          ['customer', 50, '~5k invoices, one GET each, 20 in parallel'],
          ['priya', 80, "That's it: the limit is 10 requests per second per API token, with bursts up to 50. Two things help: 1) honour the Retry-After header on a 429, and 2) use GET /v2/invoices?updated_since=… with page_size=200, so you only fetch what changed, 200 at a time."],
          ['customer', 45, "updated_since would cut it to like 100 invoices a night. didn't know that existed"],
          ['priya', 30, "It's a bit hidden in the docs, sorry! Look for \"Incremental sync\"."],
          ['customer', 60, "Can we do a quick call tomorrow about webhooks? I'd rather push than poll. My number is +55 11 98765-4321"],
          ['priya', 30, "Sure, I'll call you at 11:00 your time."],
        ],
      },
      {
        kind: 'call',
        id: 'webhooks-call',
        at: '9d 14:00',
        direction: 'outbound',
        outcome: 'answered',
        agent: 'priya',
        ringSec: 7,
        talkSec: 714,
        recorded: true,
        callerName: null,
        notes:
          'Walked Carlos through webhooks: invoice.created / updated / paid, HMAC-SHA256 signature in the Northwind-Signature header, retries with exponential backoff over 24 hours (8 attempts). They will replace the nightly poll with webhooks plus a weekly reconciliation. Sent the docs link in chat.',
      },
      {
        kind: 'chat',
        id: 'docs-link',
        at: '9d 14:14',
        lines: [
          ['priya', 0, 'As promised, the webhook docs: https://developers.northwind.example/webhooks (the signature check is under "Verifying requests").'],
          ['customer', 120, 'Obrigado! 🙌'],
          ['priya', 30, 'De nada! 😊'],
        ],
      },
      {
        kind: 'chat',
        id: 'cert-failures',
        at: '0d 12:05',
        lines: [
          ['customer', 0, 'Bom dia Priya! Your webhook log shows every delivery to us failing since ~06:00 our time with "certificate verify failed"'],
          ['customer', 40, 'We renewed our certificate last night (Let\'s Encrypt, nothing special). Endpoint is hooks.vilanova-software.example, browsers are happy with it'],
          ['customer', 200, 'Dashboard says 37 failed deliveries so far. Will those be retried once this is fixed, or do we need to re-sync?'],
        ],
      },
    ],
  },

  // 16. 2FA lockout: a call, identity verification by email.
  {
    id: 'chloe-martin',
    name: 'Chloe Martin',
    company: 'Lumen Yoga Studios',
    lang: 'en',
    email: 'chloe@lumenyoga.example',
    phone: '+16465550135',
    signature: t`
      Chloe Martin
      Lumen Yoga Studios
      646 555 0135
    `,
    conversations: [
      {
        kind: 'call',
        id: 'contractor-instructors',
        at: '34d 19:45',
        direction: 'inbound',
        outcome: 'answered',
        agent: 'tom',
        ringSec: 15,
        talkSec: 274,
        notes: 'Chloe asked how to pay drop-in instructors who are contractors, not employees. Showed her Payroll > Contractors (pay by ACH, no withholding) and the year-end contractor payments report.',
      },
      {
        kind: 'call',
        id: 'locked-out',
        at: '5d 15:30',
        direction: 'inbound',
        outcome: 'answered',
        agent: 'tom',
        ringSec: 18,
        talkSec: 421,
        recorded: true,
        notes:
          'Chloe (account owner) lost her phone and is locked out by 2FA. We cannot reset 2FA over the phone: sent the identity verification email to the owner address. She needs to upload ID through the secure link and confirm the amount of her last invoice.',
      },
      {
        kind: 'email',
        id: 'verify-identity',
        subject: 'Verifying your identity to reset two-factor authentication',
        messages: [
          {
            at: '5d 15:42',
            by: 'tom',
            body: t`
              Hi Chloe,

              Thanks for calling just now. As discussed, before we reset two-factor authentication on your account we need to confirm it's really you:

              1. Upload a photo of a government-issued ID through this secure link (valid for 24 hours): https://app.northwind.example/verify/6QX-27M
              2. Reply to this email with the amount of your most recent Northwind invoice.

              Please don't send your ID as an email attachment.

              Once both are in, I'll reset 2FA and you can set it up again on your new phone.

              Best,
            `,
          },
          {
            at: '5d 16:10',
            by: 'customer',
            body: t`
              Hi Tom,

              Uploaded my driver's license through the link. Last invoice was $89.00.

              Thanks so much, I have 40 instructors waiting on their schedules!

              Chloe
            `,
          },
          {
            at: '5d 16:35',
            by: 'tom',
            body: t`
              Hi Chloe,

              All verified, and two-factor authentication is reset. The next time you sign in you'll be asked to set it up again. This time, please keep the backup codes it shows you (Settings > Security > Backup codes); they get you in if you ever lose your phone again.

              Best,
            `,
          },
        ],
      },
    ],
  },

  // 17. A phishing report: forwarded HTML mail whose link text differs from its target.
  {
    id: 'ruth-abernathy',
    name: 'Ruth Abernathy',
    company: 'Pinecrest Veterinary Clinic',
    lang: 'en',
    email: 'ruth@pinecrestvet.example',
    conversations: [
      {
        kind: 'email',
        id: 'phishing',
        subject: 'Fwd: Action required: your Northwind invoice is overdue',
        messages: [
          {
            at: '1d 16:25',
            by: 'customer',
            signature: false,
            body: t`
              Hi, is this from you? It looks like your emails, but the sender address is strange and our invoices are always paid automatically. I didn't click anything.

              Ruth

              ---------- Forwarded message ---------
              From: Northwind Billing <billing@northwind-accounts.example>
              Subject: Action required: your Northwind invoice is overdue
              To: <ruth@pinecrestvet.example>

              Dear customer,

              Your invoice NW-88172 is 14 days overdue. To avoid suspension of your account, please pay now:

              https://app.northwind.example/billing/pay <https://northwind-accounts.example/secure/pay?ref=NW-88172>

              Northwind Cloud Billing
            `,
            html: t`
              <div dir="ltr">Hi, is this from you? It looks like your emails, but the sender address is strange and our invoices are always paid automatically. I didn't click anything.<div><br></div><div>Ruth</div><div><br></div>
              <div class="gmail_quote"><div dir="ltr">---------- Forwarded message ---------<br>From: <strong>Northwind Billing</strong> <span dir="auto">&lt;billing@northwind-accounts.example&gt;</span><br>Subject: Action required: your Northwind invoice is overdue<br>To: &lt;ruth@pinecrestvet.example&gt;<br></div><br>
              <div style="font-family:Arial,sans-serif;max-width:560px">
              <p>Dear customer,</p>
              <p>Your invoice <b>NW-88172</b> is <span style="color:#c62828">14 days overdue</span>. To avoid suspension of your account, please pay now:</p>
              <p><a href="https://northwind-accounts.example/secure/pay?ref=NW-88172">https://app.northwind.example/billing/pay</a></p>
              <p>Northwind Cloud Billing</p>
              </div></div></div>
            `,
          },
          {
            at: '1d 17:05',
            by: 'maya',
            body: t`
              Hi Ruth,

              Thank you for checking with us, and well spotted: that email is not from Northwind, it's a phishing attempt. The link text shows our address, but the link itself goes to northwind-accounts.example, which has nothing to do with us.

              Your account is fully paid; nothing is overdue. We've reported the domain for takedown.

              Good to know for next time:
              - Our billing emails only ever come from billing@northwind.example.
              - Payment links always start with https://app.northwind.example/
              - If anyone at the clinic did click the link and entered a password, change it right away and let us know.

              Best,
            `,
          },
        ],
      },
    ],
  },

  // 18. HTML mail with a remote logo and a tracking pixel, then a chat.
  {
    id: 'olivia-grant',
    name: 'Olivia Grant',
    company: 'Brightpath Dental',
    lang: 'en',
    email: 'olivia@brightpathdental.example',
    phone: '+16175550110',
    conversations: [
      {
        kind: 'chat',
        id: 'card-payments',
        at: '33d 17:50',
        lines: [
          ['customer', 0, 'Hello! Can patients pay their invoices online by card?'],
          ['maya', 45, 'Hi Olivia! Yes: connect a payment account under Settings > Payments (takes about 5 minutes) and every invoice email gets a "Pay now" button. Cards, Apple Pay and Google Pay all work.'],
          ['customer', 60, 'And the fee?'],
          ['maya', 30, '2.9% + 30¢ per card payment, taken from the payout. You can also turn on ACH bank payments for 0.8% (capped at $5).'],
          ['customer', 40, 'Great, setting it up now. Thanks!'],
          ['maya', 25, "You're welcome! Shout if anything is unclear."],
        ],
      },
      {
        kind: 'email',
        id: 'blurry-logo',
        subject: 'Our logo looks blurry on invoices',
        messages: [
          {
            at: '4d 14:35',
            by: 'customer',
            signature: false,
            body: t`
              Hi there,

              Our logo looks fuzzy on the PDF invoices we send to patients, though it looks fine on our website. I uploaded the same file we use there (logo.png). Is there a size it needs to be?

              Thank you!

              Olivia Grant
              Practice Manager
              Brightpath Dental
              (617) 555-0110
            `,
            html: t`
              <div style="font-family:Arial,sans-serif;font-size:14px;color:#222">
              <p>Hi there,</p>
              <p>Our logo looks <i>fuzzy</i> on the PDF invoices we send to patients, though it looks fine on our website. I uploaded the same file we use there (logo.png). Is there a size it needs to be?</p>
              <p>Thank you!</p>
              <table cellpadding="0" cellspacing="0" role="presentation"><tr>
              <td style="padding-right:12px;vertical-align:top"><img src="https://cdn.brightpathdental.example/email/signature-logo.png" width="64" height="64" alt="Brightpath Dental"></td>
              <td style="border-left:2px solid #2bb3a3;padding-left:12px;font-size:12px"><b>Olivia Grant</b><br>Practice Manager<br>Brightpath Dental<br>(617) 555-0110</td>
              </tr></table>
              <img src="https://t.mailstats.example/o/7f3a9c41.gif" width="1" height="1" alt="" style="display:block">
              </div>
            `,
          },
          {
            at: '4d 15:50',
            by: 'maya',
            body: t`
              Hi Olivia,

              The PDF prints your logo about 2 inches wide at print resolution, so a logo made for the web (usually around 200 pixels wide) gets stretched and looks soft.

              Two ways to fix it:
              - Best: upload the logo as an SVG file, if your designer has one. It stays sharp at any size.
              - Otherwise: a PNG at least 600 pixels wide, ideally with a transparent background.

              It's under Settings > Branding > Logo. New invoices use it straight away; older ones pick it up when you download the PDF again.

              Best,
            `,
          },
        ],
      },
      {
        kind: 'chat',
        id: 'svg-broken',
        at: '3d 15:15',
        lines: [
          ['customer', 0, 'Hi! I uploaded the SVG like Maya suggested and now the invoice preview shows a broken image icon instead of the logo'],
          ['maya', 50, "Hi Olivia, Maya here! What's the email on your account? The chat doesn't tell me which account you're in."],
          ['customer', 25, 'olivia@brightpathdental.example'],
          ['maya', 110, "Thanks! I can see the file. The SVG uses a web font for the \"Brightpath\" lettering and loads it from your website. We never fetch anything external when rendering invoices, so the lettering can't be drawn. If your designer exports it with \"convert text to outlines\", it'll work."],
          ['customer', 60, 'Our designer is out until next week 😬 anything I can do now?'],
          ['maya', 45, "Yes: upload a PNG for now (600px wide or more) and switch to the SVG when your designer's back. The 1200px PNG in your website header would be perfect."],
          ['customer', 80, 'That worked and it looks SO much better. Thank you!!'],
          ['maya', 20, 'Yay 🎉 Glad it worked!'],
        ],
      },
    ],
  },

  // 19. Accountant with many clients: a call, then an agent-initiated email thread, now waiting.
  {
    id: 'mei-lin-wong',
    name: 'Mei Lin Wong',
    company: 'Harborview Accounting',
    lang: 'en',
    email: 'meilin@harborview-accounting.example',
    phone: '+12065550187',
    signature: t`
      Mei Lin Wong, CPA
      Harborview Accounting
      206.555.0187 · harborview-accounting.example
    `,
    conversations: [
      {
        kind: 'call',
        id: 'partner-intro',
        at: '11d 18:20',
        direction: 'inbound',
        outcome: 'answered',
        agent: 'maya',
        ringSec: 10,
        talkSec: 1088,
        recorded: true,
        notes:
          'Mei Lin runs invoicing and payroll for 14 small-business clients, each with its own Northwind account: 14 logins, signing in and out all day. Wants one login, a client switcher and one view of what is overdue. Told her about the Accountant Partner program (beta). Sending details by email.',
      },
      {
        kind: 'email',
        id: 'partner-program',
        subject: 'Northwind Accountant Partner program',
        messages: [
          {
            at: '11d 18:55',
            by: 'maya',
            attachments: [{ filename: 'Northwind-Partner-Program.pdf', contentType: 'application/pdf', size: 311_560 }],
            body: t`
              Hi Mei Lin,

              Thanks for the call. Here's the overview of the Partner program I mentioned.

              What you get:
              - One login for all of your clients' workspaces, with a client switcher
              - A partner dashboard: overdue invoices, upcoming payroll runs and filings across all your clients
              - 20% off for clients you bring on (pass it on, or bill them yourself)

              How it works: you create a partner workspace, then each client invites your firm from Settings > Team > "Invite accountant". Their data stays in their workspace; you see what they give you access to.

              It's a beta, so some parts are still rough, mostly reporting. The one-page overview is attached.

              Best,
            `,
          },
          {
            at: '10d 17:05',
            by: 'customer',
            body: t`
              Hi Maya,

              Thanks, this is exactly what I was looking for. Two questions before I move my clients over:

              1. Can I run payroll for a client from the partner login, or only view?
              2. Some clients also have their own bookkeeper. Can two firms be invited to the same workspace?

              Mei Lin
            `,
          },
          {
            at: '9d 16:30',
            by: 'maya',
            body: t`
              Hi Mei Lin,

              1. Yes. The client picks your role when they invite you: with "Accountant (full)" you can run payroll and send invoices, with "Accountant (view)" you can only look.
              2. Yes, they can invite more than one firm. Each firm only sees its own invitation.

              I've turned on the partner beta for Harborview. The next time you sign in you'll see "Create partner workspace".

              Best,
            `,
          },
          {
            at: '2d 22:40',
            by: 'customer',
            body: t`
              Hi Maya,

              We've moved 9 of the 14 clients over and it's a huge time saver already. One thing: the partner dashboard shows the "overdue" totals in USD for everyone, but two of my clients invoice in CAD, and their totals look wrong (it seems to just add the CAD amounts as if they were USD). Is that a known beta issue?

              Mei Lin
            `,
          },
        ],
      },
    ],
  },

  // 20. Phone-only customer; his latest voicemail came from a mobile nothing links to him.
  {
    id: 'ben-carter',
    name: 'Ben Carter',
    company: 'Carter & Sons Plumbing',
    lang: 'en',
    phone: '+12145550156',
    unlinkedPhones: ['+12145550199'],
    conversations: [
      {
        kind: 'call',
        id: 'void-invoice',
        at: '20d 16:40',
        direction: 'inbound',
        outcome: 'answered',
        agent: 'tom',
        ringSec: 9,
        talkSec: 312,
        notes:
          'Ben sent an invoice to the wrong customer and wanted to delete it. Explained void vs credit note (voiding keeps the number in the sequence for his records). Voided it together; he re-sent it to the right customer.',
      },
      {
        kind: 'call',
        id: 'contractors-1099',
        at: '9d 19:05',
        direction: 'inbound',
        outcome: 'answered',
        agent: 'maya',
        ringSec: 21,
        talkSec: 206,
        notes: 'Asked whether we file 1099-NEC for his subcontractors. Not yet (FR-0712). Showed him Reports > Contractor payments, which he can export for his accountant.',
      },
      {
        kind: 'call',
        id: 'voicemail-mobile',
        at: '1d 23:10',
        direction: 'inbound',
        outcome: 'voicemail',
        ringSec: 24,
        talkSec: 47,
        recorded: true,
        number: '+12145550199',
        callerName: null,
        notes:
          'Voicemail (transcribed): "Hey, it\'s Ben Carter from Carter and Sons Plumbing. Got a question about adding my son as a user, he\'s taking over the billing. Call me back on this number, I\'m on jobs all day. Thanks."',
      },
      {
        kind: 'call',
        id: 'missed',
        at: '0d 14:30',
        direction: 'inbound',
        outcome: 'missed',
        ringSec: 45,
      },
    ],
  },

  // 21. UK GDPR subject access request; a bug found along the way.
  {
    id: 'aisha-rahman',
    name: 'Aisha Rahman',
    company: 'Crescent Health Clinics',
    lang: 'en',
    email: 'aisha.rahman@crescenthealth.example',
    phone: '+441134960782',
    signature: t`
      Aisha Rahman
      HR & Payroll Manager | Crescent Health Clinics
      Tel: +44 113 496 0782
    `,
    conversations: [
      {
        kind: 'email',
        id: 'subject-access',
        subject: 'Subject access request – former employee payroll records',
        messages: [
          {
            at: '14d 09:50',
            by: 'customer',
            body: t`
              Hello,

              We've received a subject access request under UK GDPR from a former employee. She has asked for all personal data we hold about her, which includes her payroll records in Northwind (payslips, P60s, bank details, tax code history and any notes).

              We have one calendar month to respond. What's the best way to get a complete export of one employee's data out of Northwind? And does Northwind hold anything about her that we can't see in the app (logs etc.)?

              Kind regards,
            `,
          },
          {
            at: '14d 11:35',
            by: 'lukas',
            body: t`
              Hello Aisha,

              There's a built-in export for exactly this. Open the employee (Payroll > Employees > Show former employees), then Actions > "Export personal data". You get a ZIP file with:

              - all payslips and P60s as PDF
              - her employee record, tax code history and bank details as JSON and CSV
              - the audit log of changes to her record (who changed what, and when)
              - any notes attached to her record

              Outside the app we only keep system logs (sign-ins and API access) for 90 days. She was never a user of your workspace, so there are none about her. Section 7 of our DPA describes what we log, if you need it for the response.

              If anything is missing from the export, let me know and I'll look into it well before your deadline.

              Kind regards,
            `,
          },
          {
            at: '13d 08:40',
            by: 'customer',
            body: t`
              Hi Lukas,

              Thanks. The export is very complete, but it doesn't include the P45 we issued when she left. Is that stored somewhere else?

              Kind regards,
            `,
          },
          {
            at: '13d 09:50',
            by: 'lukas',
            body: t`
              Hi Aisha,

              Thanks for your time on the phone. To confirm: the P45 is under Documents > Leavers, and the personal data export should have included it. I've logged that as a bug (NW-4766). Once it's fixed, the export will include every document linked to the employee.

              Good luck with the response!

              Kind regards,
            `,
          },
        ],
      },
      {
        kind: 'call',
        id: 'p45',
        at: '13d 09:30',
        direction: 'outbound',
        outcome: 'answered',
        agent: 'lukas',
        ringSec: 12,
        talkSec: 466,
        notes:
          'P45s generated when a leaver is processed are stored under Documents, not on the employee record, so the personal data export misses them: bug NW-4766 logged. Walked Aisha through downloading it from Documents > Leavers. She has everything for the request now.',
      },
    ],
  },

  // 22. SCIM provisioning: chat from the customer's own XMPP account, a failed then answered call.
  {
    id: 'rohan-desai',
    name: 'Rohan Desai',
    company: 'Nimbus Labs',
    lang: 'en',
    email: 'rohan@nimbuslabs.example',
    jid: 'rohan@nimbuslabs.example',
    phone: '+918045671234',
    conversations: [
      {
        kind: 'chat',
        id: 'scim-setup',
        at: '16d 05:30',
        lines: [
          ['customer', 0, "Hi, setting up SCIM provisioning from Okta. Okta says 'Error authenticating: 401 Unauthorized' on Test API Credentials"],
          ['priya', 40, 'Hi Rohan! Which base URL did you put in Okta?'],
          ['customer', 30, 'https://api.northwind.example/scim/v2'],
          ['priya', 60, "That's right. For the token: it has to be a SCIM token (Settings > Security > SCIM > Generate token), not a regular API key. API keys get a 401 on /scim."],
          ['customer', 90, 'ah yes, I used the API key. SCIM token works, test passed ✅'],
          ['customer', 40, 'push groups too?'],
          ['priya', 50, "Yes, groups become Northwind teams. Note that group membership doesn't set anyone's role: roles stay manual, unless you map them with the northwindRole custom attribute."],
          ['customer', 30, 'can we do a call tomorrow for the role mapping? +91 80 4567 1234, anytime after 11'],
          ['priya', 25, "Sure, I'll call you at 11:30."],
        ],
      },
      {
        kind: 'call',
        id: 'failed',
        at: '15d 06:00',
        direction: 'outbound',
        outcome: 'failed',
        agent: 'priya',
        ringSec: 0,
        callerName: null,
        notes: 'Carrier rejected the call (congestion on the India route). Retrying in a few minutes.',
      },
      {
        kind: 'call',
        id: 'role-mapping',
        at: '15d 06:08',
        direction: 'outbound',
        outcome: 'answered',
        agent: 'priya',
        ringSec: 5,
        talkSec: 1210,
        recorded: true,
        callerName: null,
        notes: 'Mapped Okta groups to roles with the northwindRole attribute (Admin / Payroll / Viewer). Tested with 3 users, all correct.',
      },
      {
        kind: 'chat',
        id: 'seat-count',
        at: '0d 07:45',
        lines: [
          ['customer', 0, 'Hi Priya, question about billing + SCIM'],
          ['customer', 30, 'We deactivated 12 users in Okta last week (contractors who left). They show as deactivated in Northwind too, but our invoice preview still counts them as paid seats. Are deactivated users billed?'],
        ],
      },
    ],
  },

  // 23. A returned direct deposit: email thread and a missed call, both waiting.
  {
    id: 'jessica-alvarez',
    name: 'Jessica Alvarez',
    company: 'Sunbelt Staffing',
    lang: 'en',
    email: 'jessica.alvarez@sunbeltstaffing.example',
    phone: '+16025550141',
    signature: t`
      Jessica Alvarez
      Payroll Coordinator · Sunbelt Staffing
      Direct: +1 (602) 555-0141
    `,
    conversations: [
      {
        kind: 'email',
        id: 'returned-deposit',
        subject: 'Direct deposit returned for one employee (R03)',
        messages: [
          {
            at: '2d 15:45',
            by: 'customer',
            body: t`
              Hi,

              One of our employees, Maria Delgado, didn't get her pay from this run. Our bank says the direct deposit came back with return code R03 (no account / unable to locate account). She gave us a new account number this morning.

              What happens to the returned funds, and how do we get her paid as fast as possible? She's pretty stressed about rent.

              Thanks,
            `,
          },
          {
            at: '2d 16:30',
            by: 'priya',
            body: t`
              Hi Jessica,

              Sorry to hear that. Here's how it works:

              1. The returned amount comes back to your funding account automatically, usually within 2-3 business days of the return. Nothing to do there.
              2. To pay Maria now, update her bank details (Employees > Maria Delgado > Payment) and send an off-cycle payment for her net pay. Off-cycle payments submitted before 4pm Eastern arrive the next business day.

              The off-cycle payment doesn't recalculate taxes; those were already handled in the original run.

              Best,
            `,
          },
          {
            at: '1d 15:20',
            by: 'customer',
            body: t`
              Thanks Priya. The funds are back already.

              Before I send the off-cycle payment: can we pay her by paper check printed from Northwind instead? She'd rather not wait for her new bank to verify the account.

              Thanks,
            `,
          },
        ],
      },
      {
        kind: 'call',
        id: 'missed',
        at: '0d 15:20',
        direction: 'inbound',
        outcome: 'missed',
        ringSec: 42,
      },
    ],
  },

  // 24. API bug found over chat.
  {
    id: 'emily-zhang',
    name: 'Emily Zhang',
    company: 'Cobalt Robotics',
    lang: 'en',
    email: 'emily.zhang@cobaltrobotics.example',
    conversations: [
      {
        kind: 'chat',
        id: 'pagination',
        at: '1d 20:15',
        lines: [
          ['customer', 0, 'Hi, API question. When I page through GET /v2/invoices?sort=created_at I sometimes get the same invoice on two pages and miss others'],
          ['maya', 60, 'Hi Emily! Are you paging with page=N, or with the next_cursor from the response?'],
          ['customer', 30, 'page=N'],
          ['maya', 90, "That's the cause. With page numbers, an invoice created while you're paging shifts everything by one: you see one twice and miss one at the page edge. With next_cursor the pages stay stable even when invoices are created in the meantime."],
          ['customer', 70, 'switched to next_cursor. dupes are gone, but now the last page returns next_cursor: "" instead of null and our client loops forever'],
          ['maya', 45, 'Hmm, it should be null. Let me check with our API team, one moment'],
          ['maya', 240, 'Confirmed, that\'s a bug on our side, sorry: you get "" when the last page is exactly full (100 items). Filed as NW-4833. Until it\'s fixed, treat "" the same as null.'],
          ['customer', 30, 'ok will do. can you let me know when it\'s fixed? emily.zhang@cobaltrobotics.example'],
          ['maya', 20, 'Will do!'],
        ],
      },
    ],
  },

  // 25. A trial user: two chat sessions, then an email to upgrade.
  {
    id: 'laura-jenkins',
    name: 'Laura Jenkins',
    company: 'Maple Street Bakery',
    lang: 'en',
    email: 'laura@maplestreetbakery.example',
    signature: t`
      Laura Jenkins
      Maple Street Bakery · Burlington, VT
    `,
    conversations: [
      {
        kind: 'chat',
        id: 'quickbooks-import',
        at: '38d 15:10',
        lines: [
          ['customer', 0, "Hi! I'm on the free trial. Can I bring my customers over from QuickBooks?"],
          ['tom', 40, 'Hi Laura! Yes. In QuickBooks, export your customer list as CSV (Reports > Customer Contact List > Export). Then in Northwind go to Clients > Import and upload the file; the columns are matched automatically.'],
          ['customer', 300, "It says 'Row 57: invalid email'?"],
          ['tom', 50, 'That row probably has two email addresses in one cell (QuickBooks allows that). Fix that row in the file, or tick "Skip invalid rows" and add that customer by hand.'],
          ['customer', 120, 'Skipped it, 212 customers imported 🎉'],
          ['tom', 30, "Nice! What email did you sign up with? I'll add a week to your trial since the import ate some of it."],
          ['customer', 25, 'laura@maplestreetbakery.example, thank you!!'],
          ['tom', 30, 'Done: your trial now runs for another 3 weeks. Enjoy!'],
        ],
      },
      {
        kind: 'chat',
        id: 'numbering',
        at: '37d 14:30',
        lines: [
          ['customer', 0, 'Hi again, how do I make invoice numbers continue from my QuickBooks numbers? The last one was 2291'],
          ['tom', 35, 'Settings > Invoices > Numbering: set "Next number" to 2292. You can add a prefix too if you like (e.g. MSB-2292).'],
          ['customer', 40, 'Done, thank you!'],
          ['tom', 20, 'Anytime, Laura 🙌'],
        ],
      },
      {
        kind: 'email',
        id: 'annual-plan',
        subject: 'Upgrading from the trial: can we pay annually by invoice?',
        messages: [
          {
            at: '31d 13:20',
            by: 'customer',
            body: t`
              Hi,

              We've decided to stay with Northwind after the trial. Can we pay for a year upfront, and can we pay by bank transfer or check instead of card? Our bookkeeper prefers it.

              Thanks,
              Laura
            `,
          },
          {
            at: '31d 17:10',
            by: 'tom',
            body: t`
              Hi Laura,

              Great to hear, welcome aboard!

              Yes to both. Annual plans get two months free, and for annual plans we can invoice you for payment by bank transfer (ACH) or check instead of charging a card. I've set up the annual Starter plan on your account and sent the invoice (NW-10102, $290.00, due in 30 days). Payment details are on the invoice.

              Best,
            `,
          },
        ],
      },
    ],
  },

  // 26. Nonprofit discount; the principal on cc; an attachment sent in.
  {
    id: 'grace-adeyemi',
    name: 'Grace Adeyemi',
    company: 'Oakridge Charter School',
    lang: 'en',
    email: 'grace.adeyemi@oakridgecharter.example',
    signature: t`
      Grace Adeyemi
      Business Manager, Oakridge Charter School
    `,
    conversations: [
      {
        kind: 'email',
        id: 'nonprofit-discount',
        subject: 'Nonprofit / education discount?',
        messages: [
          {
            at: '27d 15:30',
            by: 'customer',
            cc: [{ name: 'Dr. Harold Williams', address: 'hwilliams@oakridgecharter.example' }],
            body: t`
              Hello,

              Oakridge Charter School is a 501(c)(3) nonprofit, and we run payroll for our 62 staff through Northwind. Do you offer a discount for nonprofits or schools?

              I've copied our principal, Dr. Williams, who approves our software spending.

              Best regards,
            `,
          },
          {
            at: '27d 18:00',
            by: 'tom',
            body: t`
              Hi Grace (and Dr. Williams),

              Yes: registered nonprofits and schools get 30% off any plan. All I need is a copy of your IRS determination letter. Reply with it attached and I'll apply the discount from your next invoice.

              Best,
            `,
          },
          {
            at: '26d 14:10',
            by: 'customer',
            attachments: [{ filename: 'Oakridge-IRS-Determination-Letter.pdf', contentType: 'application/pdf', size: 184_220 }],
            body: t`
              Hi Tom,

              Letter attached. Thank you!

              Best regards,
            `,
          },
          {
            at: '26d 16:40',
            by: 'tom',
            body: t`
              Thanks Grace. The 30% nonprofit discount is now on your account and applies from your next invoice: your monthly payroll plan goes from $412.00 to $288.40. It stays in place as long as you're a registered nonprofit; we'll ask for an updated letter once a year.

              Best,
            `,
          },
        ],
      },
    ],
  },

  // 27. Renewal and upgrade to Enterprise: voicemail, quotes, DPA, signed order form.
  {
    id: 'stefan-hoffmann',
    name: 'Stefan Hoffmann',
    company: 'Kessler Automotive GmbH',
    lang: 'en',
    email: 's.hoffmann@kessler-automotive.example',
    phone: '+497112345678',
    signature: t`
      Stefan Hoffmann
      Head of Finance
      Kessler Automotive GmbH · Stuttgart
      Phone +49 711 2345678
    `,
    conversations: [
      {
        kind: 'call',
        id: 'renewal-voicemail',
        at: '19d 08:15',
        direction: 'outbound',
        outcome: 'voicemail',
        agent: 'lukas',
        ringSec: 20,
        talkSec: 34,
        notes: 'Left a voicemail about the renewal (contract ends in about 6 weeks) and the Enterprise options he asked about at onboarding. Following up by email with both quotes.',
      },
      {
        kind: 'email',
        id: 'renewal',
        subject: 'Your Northwind renewal and Enterprise options',
        messages: [
          {
            at: '19d 08:25',
            by: 'lukas',
            attachments: [
              { filename: 'Kessler-Quote-Business-Renewal.pdf', contentType: 'application/pdf', size: 71_204 },
              { filename: 'Kessler-Quote-Enterprise.pdf', contentType: 'application/pdf', size: 74_918 },
            ],
            body: t`
              Hello Mr Hoffmann,

              I've just left you a voicemail. Your annual Business contract is up for renewal in about six weeks. At onboarding you mentioned Enterprise for when you roll Northwind out to your second site, so I've attached quotes for both:

              - Business renewal: 140 employees, unchanged pricing
              - Enterprise: multiple entities, SSO, audit log export, EU data residency and a named contact (me)

              Happy to go through them on a call whenever it suits you.

              Best regards,
            `,
          },
          {
            at: '17d 12:30',
            by: 'customer',
            body: t`
              Hello Mr Berg,

              Thank you. We are leaning towards Enterprise because of the second site. Two requirements from our IT department and works council:

              1. We need a data processing agreement under GDPR Art. 28, and the list of subprocessors.
              2. Audit logs must go into our SIEM. In which format can you deliver them?

              Could we discuss this on a call next week?

              Best regards,
            `,
          },
          {
            at: '17d 14:05',
            by: 'lukas',
            attachments: [
              { filename: 'Northwind-DPA-v3.2.pdf', contentType: 'application/pdf', size: 402_117 },
              { filename: 'Northwind-Subprocessors.pdf', contentType: 'application/pdf', size: 58_330 },
            ],
            body: t`
              Hello Mr Hoffmann,

              Of course.

              1. Our DPA and the current list of subprocessors are attached. All payroll data stays in our Frankfurt region.
              2. Audit logs can be streamed as JSON over HTTPS (webhook) or exported daily as NDJSON to S3-compatible storage. Both work with the common SIEMs.

              Shall I call you next week? Any day at 10:00 would work for me.

              Best regards,
            `,
          },
          {
            at: '10d 14:40',
            by: 'customer',
            attachments: [{ filename: 'Kessler-Order-Form-Enterprise-signed.pdf', contentType: 'application/pdf', size: 233_871 }],
            body: t`
              Hello Mr Berg,

              As discussed, please find the signed order form attached.

              Best regards,
            `,
          },
          {
            at: '10d 15:10',
            by: 'lukas',
            attachments: [{ filename: 'Kessler-Order-Form-Enterprise-countersigned.pdf', contentType: 'application/pdf', size: 241_006 }],
            body: t`
              Hello Mr Hoffmann,

              Thank you! The countersigned copy is attached. I'll set up the second entity for the Leipzig site this week and send your IT team the SIEM webhook details separately.

              Best regards,
            `,
          },
        ],
      },
      {
        kind: 'call',
        id: 'enterprise-call',
        at: '10d 09:00',
        direction: 'inbound',
        outcome: 'answered',
        agent: 'lukas',
        ringSec: 6,
        talkSec: 1580,
        recorded: true,
        notes:
          'Stefan and Ms Roth (IT). Agreed: Enterprise, 3-year term at 10% discount, the Leipzig site as a second entity, audit logs to their SIEM by webhook. DPA accepted without changes. He will send the signed order form today.',
      },
    ],
  },

  // 28. Brazilian customer paying by wire: missed call, callback, emails with a receipt.
  {
    id: 'ana-costa',
    name: 'Ana Costa',
    company: 'Rio Verde Alimentos Ltda.',
    lang: 'en',
    email: 'ana.costa@rioverde-alimentos.example',
    phone: '+5521998765432',
    signature: t`
      Ana Costa
      Financeiro | Rio Verde Alimentos Ltda.
      +55 21 99876-5432
    `,
    conversations: [
      {
        kind: 'call',
        id: 'missed',
        at: '28d 13:40',
        direction: 'inbound',
        outcome: 'missed',
        ringSec: 35,
        callerName: null,
      },
      {
        kind: 'call',
        id: 'callback',
        at: '28d 16:10',
        direction: 'outbound',
        outcome: 'answered',
        agent: 'tom',
        ringSec: 14,
        talkSec: 395,
        callerName: null,
        notes:
          'Returned her missed call. She wants to pay by PIX or boleto; we only take card and international wire. Switched her account to pay by wire and promised the wire instructions by email.',
      },
      {
        kind: 'email',
        id: 'wire',
        subject: 'Paying your Northwind invoices by international wire',
        messages: [
          {
            at: '28d 16:30',
            by: 'tom',
            body: t`
              Olá Ana,

              Thanks for the call. As discussed, we can't accept PIX or boleto yet, but you can pay any invoice by international wire transfer:

                Beneficiary:  Northwind Cloud, Inc.
                Bank:         First Harbor Bank, San Francisco
                SWIFT/BIC:    FHBKUS6SXXX
                Account:      000123456789
                Reference:    your invoice number (e.g. NW-10220)

              Please choose "SHA" for the charges so we can match the payment to the full invoice amount. Your account is now set to "pay by wire", so your card won't be charged.

              Best,
            `,
          },
          {
            at: '26d 12:15',
            by: 'customer',
            attachments: [{ filename: 'comprovante-swift-NW-10220.pdf', contentType: 'application/pdf', size: 64_877 }],
            body: t`
              Olá Tom,

              Payment for NW-10220 sent today, the receipt (comprovante) is attached.

              Obrigada!
              Ana
            `,
          },
          {
            at: '25d 17:30',
            by: 'tom',
            body: t`
              Olá Ana,

              Payment received and NW-10220 is marked as paid. Obrigado!

              Best,
            `,
          },
        ],
      },
    ],
  },

  // 29. A bug found by chat, reproduced from rows sent by email.
  {
    id: 'isla-macdonald',
    name: 'Isla MacDonald',
    company: 'Highland Outdoor Gear',
    lang: 'en',
    email: 'isla@highland-outdoor.example',
    signature: t`
      Isla MacDonald
      Highland Outdoor Gear · Edinburgh
      0131 496 0344
    `,
    conversations: [
      {
        kind: 'chat',
        id: 'csv-dates',
        at: '6d 11:10',
        lines: [
          ['customer', 0, "Hiya, trying to import our employees from a CSV and every row fails with 'invalid date'"],
          ['lukas', 45, 'Hi! Lukas here. Could you paste one of the dates exactly as it is in the file?'],
          ['customer', 40, 'start date 03/09/2021 (3rd September)'],
          ['lukas', 70, 'Thanks, that explains it: the importer reads 03/09/2021 in US format (March 9th). On the column mapping screen, next to "Start date", there is a "Date format" dropdown: choose DD/MM/YYYY.'],
          ['customer', 90, 'that fixed 41 rows but 6 still fail. all of them have a date of birth like 29/02/1988 🤔'],
          ['lukas', 60, 'Interesting: 29 February 1988 is a real date (1988 was a leap year), so those should import. Could you email the 6 rows to support@northwind.example? Initials instead of names are fine. I will reproduce it.'],
          ['customer', 30, 'will do, from isla@highland-outdoor.example'],
          ['lukas', 20, 'Perfect, thank you!'],
        ],
      },
      {
        kind: 'email',
        id: 'leap-day',
        subject: 'CSV import: 6 rows failing (leap day dates)',
        messages: [
          {
            at: '6d 11:40',
            by: 'customer',
            attachments: [{ filename: 'failing-rows.csv', contentType: 'text/csv', size: 612 }],
            body: t`
              Hi Lukas,

              As promised in the chat, here are the 6 rows that still fail. I've replaced the names with initials. They all have a date of birth on the 29th of February.

              Cheers,
            `,
          },
          {
            at: '6d 14:20',
            by: 'lukas',
            body: t`
              Hi Isla,

              Thanks, reproduced. The date check runs before the DD/MM/YYYY setting is applied, so "29/02" is read as month 29 and rejected. Filed as NW-4802.

              Workaround: write those six dates as 1988-02-29 (ISO format), which is accepted whatever the setting.

              Best regards,
            `,
          },
          {
            at: '6d 15:05',
            by: 'customer',
            body: t`
              ISO dates worked, all 47 are in! Thanks Lukas

              Isla
            `,
          },
          {
            at: '2d 10:15',
            by: 'lukas',
            body: t`
              Hi Isla,

              Quick update: the fix for NW-4802 is live, so dates like 29/02/1988 now import with the DD/MM/YYYY setting as you'd expect. Nothing to do on your side.

              Best regards,
            `,
          },
        ],
      },
    ],
  },

  // 30. An old feature request, answered; the customer is back today with a follow-up.
  {
    id: 'peter-novak',
    name: 'Peter Novak',
    company: 'Novak Architects',
    lang: 'en',
    email: 'peter@novakarchitects.example',
    signature: t`
      Peter Novak
      Principal, Novak Architects · Chicago
    `,
    conversations: [
      {
        kind: 'email',
        id: 'xero',
        subject: 'Xero integration?',
        messages: [
          {
            at: '43d 16:00',
            by: 'customer',
            body: t`
              Hi,

              We use Xero for our books and Northwind for invoicing. Every week our bookkeeper re-keys invoices and payments into Xero by hand. Is a Xero integration planned? QuickBooks seems to be supported already.

              Thanks,
              Peter
            `,
          },
          {
            at: '42d 17:20',
            by: 'maya',
            body: t`
              Hi Peter,

              Yes: a two-way Xero sync (invoices, payments and contacts) is being built right now, with a beta planned in the next few weeks. I've put you on the list, so you'll hear as soon as it opens.

              Until then, the least painful route is Reports > Export > "Xero invoices (CSV)". Xero imports that file directly, so your bookkeeper won't have to retype anything.

              Best,
            `,
          },
          {
            at: '42d 18:05',
            by: 'customer',
            body: t`
              Great, thanks. The CSV export will do for now.

              Peter
            `,
          },
          {
            at: '0d 14:40',
            by: 'customer',
            body: t`
              Hi Maya,

              Saw the Xero sync in your changelog and turned it on. Invoices come through fine, but card payments made through Northwind show up in Xero twice: once as the payment and again inside a separate "Northwind payout". Our bookkeeper says it double-counts our income. Is there a setting for this?

              Thanks,
              Peter
            `,
          },
        ],
      },
    ],
  },
];

// ------------------------------------------------------------------------------------------------
// The team at work: what the four agents did in Switchboard itself (not on any channel). It becomes
// the workspace's team log (`teamEvents`, see team-events.ts): the same events a real team's
// consoles exchange through the team folder, so the demo opens as a console that has been in use.
//
// Merges are not listed here: team-events.ts derives one per extra channel of each customer (the
// agent who handled the conversation that revealed the link merged it), except `leaveUnmerged`.
// Left for the newcomer: Ben Carter's mobile (nothing links it: a merge by hand) and Jessica
// Alvarez's missed call of the last hour (her number is in her signature: a "Same person?"
// suggestion).
//
// Conversations are referred to as '<customer id>/<conversation id>'; times use the scenario format.

export type ConvRef = `${string}/${string}`;

export interface TeamStorySpec {
  /** '<customer id>/<email|chat|phone>': channels nobody has merged into the customer yet. */
  leaveUnmerged: `${string}/${'email' | 'chat' | 'phone'}`[];
  assign: { at: string; by: AgentKey; convs: ConvRef[]; to: AgentKey | null }[];
  priority: { at: string; by: AgentKey; convs: ConvRef[]; priority: 'urgent' | 'high' | 'normal' | 'low' }[];
  tags: { at: string; by: AgentKey; convs: ConvRef[]; add: string[] }[];
  customerTags: { at: string; by: AgentKey; customer: string; add: string[] }[];
  /** Conversations closed (e.g. missed calls that were returned). */
  close: { at: string; by: AgentKey; convs: ConvRef[] }[];
  /** Snoozed until this many hours after the newest item of the workspace. */
  snooze: { at: string; by: AgentKey; convs: ConvRef[]; wakeHoursAfterNewest: number }[];
  notes: {
    id: string;
    at: string;
    by: AgentKey;
    customer: string;
    conv?: ConvRef;
    forWhom?: AgentKey;
    summary: string;
    tried: string;
    promised: string;
    nextStep: string;
    ack?: { at: string; by: AgentKey };
  }[];
}

export const TEAM_STORY: TeamStorySpec = {
  leaveUnmerged: ['jessica-alvarez/phone'],
  assign: [
    { at: '28d 16:12', by: 'tom', convs: ['ana-costa/wire'], to: 'tom' },
    { at: '19d 08:30', by: 'lukas', convs: ['stefan-hoffmann/renewal'], to: 'lukas' },
    { at: '8d 16:21', by: 'priya', convs: ['elena-petrova/currency-symbol'], to: 'priya' },
    { at: '6d 15:30', by: 'maya', convs: ['greg-holloway/filing-wrong'], to: 'maya' },
    { at: '5d 06:50', by: 'lukas', convs: ['omar-al-mansouri/bilingual-invoices'], to: 'lukas' },
    { at: '2d 09:35', by: 'lukas', convs: ['sophie-turner/sso-entra'], to: 'lukas' },
    { at: '2d 11:05', by: 'lukas', convs: ['sophie-turner/sso-entra'], to: 'priya' },
    { at: '1d 17:40', by: 'priya', convs: ['jessica-alvarez/returned-deposit'], to: 'maya' },
    { at: '1d 17:45', by: 'maya', convs: ['mei-lin-wong/partner-program'], to: 'maya' },
    { at: '0d 06:20', by: 'lukas', convs: ['omar-al-mansouri/missed'], to: 'lukas' },
    { at: '0d 02:00', by: 'priya', convs: ['yuki-tanaka/missed'], to: 'maya' },
    // Yuki called at night her time and left no message; Maya hands it back to whoever is on shift.
    { at: '0d 08:55', by: 'maya', convs: ['yuki-tanaka/missed'], to: null },
    { at: '0d 08:05', by: 'priya', convs: ['rohan-desai/seat-count'], to: 'priya' },
    { at: '0d 12:10', by: 'priya', convs: ['carlos-souza/cert-failures'], to: 'priya' },
    { at: '0d 14:15', by: 'tom', convs: ['dana-whitfield/double-charge'], to: 'tom' },
    { at: '0d 14:44', by: 'maya', convs: ['peter-novak/xero'], to: 'maya' },
  ],
  priority: [
    { at: '6d 15:31', by: 'maya', convs: ['greg-holloway/filing-wrong'], priority: 'urgent' },
    { at: '2d 09:36', by: 'lukas', convs: ['sophie-turner/sso-entra'], priority: 'high' },
    { at: '1d 17:41', by: 'priya', convs: ['jessica-alvarez/returned-deposit'], priority: 'urgent' },
    { at: '0d 14:45', by: 'maya', convs: ['peter-novak/xero'], priority: 'low' },
  ],
  tags: [
    { at: '9d 15:20', by: 'tom', convs: ['dana-whitfield/double-charge'], add: ['billing', 'refund'] },
    { at: '8d 16:25', by: 'priya', convs: ['elena-petrova/currency-symbol'], add: ['bug', 'NW-4821'] },
    { at: '6d 15:32', by: 'maya', convs: ['greg-holloway/filing-wrong'], add: ['escalation', 'payroll-tax'] },
    { at: '2d 09:37', by: 'lukas', convs: ['sophie-turner/sso-entra'], add: ['sso'] },
    { at: '1d 17:42', by: 'priya', convs: ['jessica-alvarez/returned-deposit'], add: ['payroll'] },
    { at: '1d 17:46', by: 'maya', convs: ['mei-lin-wong/partner-program'], add: ['partner-beta', 'bug'] },
    { at: '0d 14:46', by: 'maya', convs: ['peter-novak/xero'], add: ['integrations'] },
  ],
  customerTags: [
    { at: '23d 10:40', by: 'lukas', customer: 'sophie-turner', add: ['Enterprise'] },
    { at: '10d 09:30', by: 'lukas', customer: 'stefan-hoffmann', add: ['Enterprise', 'renewal'] },
    { at: '6d 16:45', by: 'maya', customer: 'greg-holloway', add: ['at-risk'] },
    { at: '11d 18:40', by: 'maya', customer: 'mei-lin-wong', add: ['partner'] },
  ],
  close: [
    { at: '28d 16:20', by: 'tom', convs: ['ana-costa/missed'] },
    { at: '6d 16:45', by: 'maya', convs: ['greg-holloway/queue-timeout'] },
    { at: '1d 16:15', by: 'tom', convs: ['lucia-fernandez/missed'] },
  ],
  snooze: [
    // Stefan's purchase order is due after the quote's review; Lukas wants it back then.
    { at: '10d 15:15', by: 'lukas', convs: ['stefan-hoffmann/renewal'], wakeHoursAfterNewest: 20 },
  ],
  notes: [
    {
      id: 'sophie-redirect-loop',
      at: '2d 11:00',
      by: 'lukas',
      customer: 'sophie-turner',
      conv: 'sophie-turner/sso-entra',
      forWhom: 'priya',
      summary: 'SSO is enforced at Hartley Finch and works for everyone except one partner, Richard Hale, who loops between Northwind and Microsoft after signing in.',
      tried: 'Checked the SSO audit log: his assertions arrive and are accepted, but no session is created. Cookies cleared and a second browser tried on their side.',
      promised: 'A look at the logs today; he has client meetings all week.',
      nextStep: '@priya can you check the SAML logs for his NameID? My guess is his Entra UPN changed and no longer matches his Northwind login.',
      ack: { at: '2d 11:30', by: 'priya' },
    },
    {
      id: 'jessica-paper-check',
      at: '1d 17:40',
      by: 'priya',
      customer: 'jessica-alvarez',
      conv: 'jessica-alvarez/returned-deposit',
      forWhom: 'maya',
      summary: 'Maria Delgado (Sunbelt Staffing) was not paid: her direct deposit came back R03. The funds are back; Jessica now asks if Maria can be paid by a paper check printed from Northwind.',
      tried: 'Manual checks are included in their plan, but check printing was never set up (no check stock or signature on file).',
      promised: 'An answer first thing tomorrow. Maria is worried about rent, so it is urgent.',
      nextStep: "@maya I'm out tomorrow. Please call Jessica at +1 602 555 0141 and walk her through Settings > Payroll > Manual checks, or send the off-cycle payment if she prefers.",
    },
  ],
};
