import { matches, parsePattern } from '../../src/pattern';

/** The JSON log event of the CloudWatch Logs docs, plus the boolean of the older page. */
const DOC_EVENT = {
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [
    { name: 'a', id: 1 },
    { name: 'b', id: 2 },
  ],
  SomeObject: null,
  ThisFlag: true,
  'cluster.name': 'c',
};

/** The docs' event for compound expressions. */
const USERS_EVENT = {
  user: { id: 1, email: 'John.Stiles@example.com' },
  users: [
    { id: 2, email: 'John.Doe@example.com' },
    { id: 3, email: 'Jane.Doe@example.com' },
  ],
  actions: ['GET', 'PUT', 'DELETE'],
  coordinates: [
    [0, 1, 2],
    [4, 5, 6],
    [7, 8, 9],
  ],
};

const SAMPLE = {
  eventName: 'PutEvent',
  code: 400,
  codeText: '400',
  latency: 1500.5,
  name: 'Ev*ent',
  ratio: '2.5e1',
  nested: { flag: false, list: [1, 'two', null] },
};

describe('matches', () => {
  it.each([
    ['{ $.eventType = "UpdateTrail" }', true],
    ['{ $.eventType = UpdateTrail }', true],
    ['{ $.eventType = updatetrail }', false],
    ['{ $.sourceIPAddress != 123.123.* }', true],
    ['{ $.sourceIPAddress = 111.111.* }', true],
    ['{ $.arrayKey[0] = "value" }', true],
    ['{ $.arrayKey[2] = "value" }', false],
    ['{ $.objectList[1].id = 2 }', true],
    ['{ $.SomeObject IS NULL }', true],
    ['{ $.ThisFlag IS NULL }', false],
    ['{ $.SomeOtherObject NOT EXISTS }', true],
    ['{ $.SomeObject NOT EXISTS }', false],
    ['{ $.ThisFlag IS TRUE }', true],
    ['{ $.ThisFlag IS FALSE }', false],
    ['{ $.eventType = %Trail% }', true],
    ['{ $.eventType = %^Trail% }', false],
    ['{ $.arrayKey[*] = %val.{2}% }', true],
    ['{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }', true],
    ['{ $.[\'cluster.name\'] = "c" }', true],
    ['{ $.arrayKey = value }', false],
    ['{ $.arrayKey != value }', false],
    ['{ $.objectList = * }', false],
  ])('doc event: %s → %s', (text, expected) => {
    expect(matches(parsePattern(text), DOC_EVENT)).toBe(expected);
  });

  it.each([
    ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', true],
    ['{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', false],
    [
      '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }',
      true,
    ],
    [
      '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }',
      false,
    ],
    ['{ $.coordinates[2][0] = 7 }', true],
    ['{ $.users = 1 }', false],
    ['{ $.users != 1 }', false],
  ])('doc compound example: %s → %s', (text, expected) => {
    expect(matches(parsePattern(text), USERS_EVENT)).toBe(expected);
  });

  it.each([
    ['{ $.eventName = *Event }', true],
    ['{ $.eventName = Put* }', true],
    ['{ $.eventName = *tEv* }', true],
    ['{ $.eventName = Ev*ent }', false],
    ['{ $.name = Ev*ent }', true],
    ['{ $.code = 400 }', true],
    ['{ $.code = 400.0 }', true],
    ['{ $.code = 4e2 }', true],
    ['{ $.code = 4* }', true],
    ['{ $.code = "400" }', true],
    ['{ $.codeText = 400 }', true],
    ['{ $.codeText >= 399.5 }', true],
    ['{ $.ratio = 25 }', true],
    ['{ $.eventName != 400 }', true],
    ['{ $.eventName > 400 }', false],
    ['{ $.latency > +1000 }', true],
    ['{ $.latency <= 1500.5 && $.latency >= 1500.5 && $.latency < 1501 }', true],
    ['{ $.missing != anything }', false],
    ['{ $.missing = * }', false],
    ['{ $.missing != 5 }', false],
    ['{ $.missing NOT EXISTS }', true],
    ['{ $.eventName.deeper NOT EXISTS }', true],
    ['{ $.nested.flag IS FALSE }', true],
    ['{ $.nested.flag = false }', false],
    ['{ $.nested.flag != true }', false],
    ['{ $.nested.list[1] = two }', true],
    ['{ $.nested.list[*] = 1 }', true],
    ['{ $.nested.list[*] IS NULL }', true],
    ['{ $.nested.list[9] NOT EXISTS }', true],
    ['{ $.nested.* IS FALSE }', true],
    ['{ $.nested.*[0] = 1 }', true],
    ['{ $.constructor NOT EXISTS && $.toString NOT EXISTS }', true],
  ])('sample event: %s → %s', (text, expected) => {
    expect(matches(parsePattern(text), SAMPLE)).toBe(expected);
  });

  it.each([[null], ['a string'], [42], [[{ eventName: 'X' }]], [undefined]])(
    'never matches a non-object event such as %j',
    (event) => {
      expect(matches(parsePattern('{ $.eventName NOT EXISTS }'), event)).toBe(false);
    },
  );
});
