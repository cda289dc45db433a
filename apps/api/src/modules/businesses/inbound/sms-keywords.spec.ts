import { smsKeywordOf, smsKeywordReply } from './sms-keywords';

describe('SMS keywords', () => {
  it.each(['STOP', 'stop', '  Stop  ', 'STOPALL', 'unsubscribe', 'Cancel', 'END', 'quit', 'REVOKE', 'optout', 'Stop.', 'STOP!'])('%j is a stop', (body) => {
    expect(smsKeywordOf(body)).toBe('stop');
  });

  it.each(['START', ' unstop ', 'Start'])('%j is a start', (body) => {
    expect(smsKeywordOf(body)).toBe('start');
  });

  it('HELP is help', () => expect(smsKeywordOf(' help ')).toBe('help'));

  it.each(['please stop calling me', 'STOP IT', 'stopp', '', 'OPT OUT', 'thanks'])('%j is no keyword (only the whole message counts)', (body) => {
    expect(smsKeywordOf(body)).toBeNull();
  });

  it('answers TwiML with the confirmation, the sender named and escaped', () => {
    expect(smsKeywordReply('stop', 'Bob & Sons <HVAC>')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>You are unsubscribed from Bob &amp; Sons &lt;HVAC&gt;: no more calls or texts from this number. Reply START to undo.</Message></Response>',
    );
    expect(smsKeywordReply('start', 'Cool Air')).toContain('subscribed again to Cool Air');
    expect(smsKeywordReply('help', 'Cool Air')).toContain('Reply STOP');
    expect(smsKeywordReply(null, 'Cool Air')).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  });
});
