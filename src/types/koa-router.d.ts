// koa-router@14 is the same package as @koa/router@14 and ships no types;
// @types/koa__router describes its API.
declare module 'koa-router' {
  import Router from '@koa/router';
  export default Router;
}
