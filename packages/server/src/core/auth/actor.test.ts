import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../errors.js';
import { assertAdmin, assertCanChange, type Actor } from './actor.js';

const ada: Actor = { id: 'a', username: 'ada', role: 'member' };
const root: Actor = { id: 'r', username: 'root', role: 'admin' };

describe('permissions', () => {
  it('lets the owner change their own things', () => {
    expect(() => assertCanChange(ada, 'a', 'the service')).not.toThrow();
  });
  it('lets an admin change anything', () => {
    expect(() => assertCanChange(root, 'a', 'the service')).not.toThrow();
  });
  it('forbids a member from changing what another owns, naming it', () => {
    expect(() => assertCanChange(ada, 'b', 'the service')).toThrow(/owner of the service/);
    expect(() => assertCanChange(ada, 'b', 'x')).toThrow(ForbiddenError);
  });
  it('allows admin-only actions to admins only', () => {
    expect(() => assertAdmin(root)).not.toThrow();
    expect(() => assertAdmin(ada)).toThrow(ForbiddenError);
  });
});
