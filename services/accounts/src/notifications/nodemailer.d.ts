// nodemailer ships no types; this is the part we use.
declare module 'nodemailer' {
  interface Transport {
    sendMail(mail: { from: string; to: string; subject: string; text: string; messageId?: string }): Promise<unknown>;
  }
  const nodemailer: { createTransport(url: string): Transport };
  export default nodemailer;
}
