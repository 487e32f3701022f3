import assert from 'node:assert/strict';
import { test } from 'node:test';
import { elementType, isContainerType } from './type-text.js';

test('Go element types: slices and arrays by value, maps by key and value, channels', () => {
  assert.equal(elementType('[]Field', 'value'), 'Field');
  assert.equal(elementType('[]Field', 'key'), undefined, 'the index is an int');
  assert.equal(elementType('map[string]util.Conn', 'key'), 'string');
  assert.equal(elementType('map[string]util.Conn', 'value'), 'util.Conn');
  assert.equal(elementType('map[[]T]V', 'value'), 'V', 'brackets inside the key');
  assert.equal(elementType('map[K][]V', 'value'), '[]V');
  assert.equal(elementType('chan Msg', 'key'), 'Msg', '`for v := range ch`: the first variable');
  assert.equal(elementType('Conn', 'value'), undefined);
  assert.equal(elementType(undefined, 'value'), undefined);
  assert.ok(isContainerType('[]T') && isContainerType('map[K]V') && isContainerType('chan T') && !isContainerType('pkg.T'));
});
