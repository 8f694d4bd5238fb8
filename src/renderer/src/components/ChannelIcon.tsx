import type { Channel } from '../../../shared/domain';

const PATHS: Record<Channel, string> = {
  email: 'M2 4h12a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H2a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Zm0 1.5V12h12V5.5L8 9.3 2 5.5Zm.9-.5L8 8.2 13.1 5H2.9Z',
  chat: 'M3 2.5h10A1.5 1.5 0 0 1 14.5 4v6A1.5 1.5 0 0 1 13 11.5H7l-3.5 3v-3H3A1.5 1.5 0 0 1 1.5 10V4A1.5 1.5 0 0 1 3 2.5Zm0 1a.5.5 0 0 0-.5.5v6a.5.5 0 0 0 .5.5h1.5v1.8L6.6 10.5H13a.5.5 0 0 0 .5-.5V4a.5.5 0 0 0-.5-.5H3Z',
  call: 'M4.2 1.6 6 3.9a1 1 0 0 1-.1 1.3l-.9.9a8 8 0 0 0 4.9 4.9l.9-.9a1 1 0 0 1 1.3-.1l2.3 1.8a1 1 0 0 1 .1 1.5l-1 1c-.7.7-1.8.9-2.7.5A13 13 0 0 1 1.1 5c-.4-.9-.2-2 .5-2.7l1-1a1 1 0 0 1 1.6.3Z',
  note: 'M3 1.5h7l3.5 3.5v9.5h-10.5v-13Zm1 1v11h8.5V5.5H9.5v-3H4Zm1.5 5h5v1h-5v-1Zm0 2.5h5v1h-5v-1Z',
};

const LABEL: Record<Channel, string> = { email: 'Email', chat: 'Chat', call: 'Call', note: 'Note' };

export function ChannelIcon({ channel }: { channel: Channel }) {
  return (
    <svg className={`ch-icon ch-${channel}`} viewBox="0 0 16 16" role="img" aria-label={LABEL[channel]}>
      <path fill="currentColor" fillRule="evenodd" d={PATHS[channel]} />
    </svg>
  );
}
