// DecodeAuthorizationMessage: the decision behind an encoded authorization message, for a caller
// allowed sts:DecodeAuthorizationMessage.
import { defineAction } from '../action.ts';
import { decodeAuthorizationMessage } from '../../authz/index.ts';

export const DecodeAuthorizationMessage = defineAction({
  service: 'sts',
  name: 'DecodeAuthorizationMessage',
  resource: () => '*',
  handle(input, ctx) {
    return Promise.resolve({
      DecodedMessage: decodeAuthorizationMessage(ctx.services, input.EncodedMessage),
    });
  },
});
