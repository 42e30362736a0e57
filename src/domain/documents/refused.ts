/** A request the domain refuses; the message is zh-CN, safe to show, and says what to do next. */
export class Refused extends Error {
  override name = 'Refused';
}
