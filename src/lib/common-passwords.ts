// Frequent passwords from public breach lists (8+ characters), compared lowercased.
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '00000000', '0123456789', '11111111', '1111111111', '11111111a', '11223344', '112233445', '12121212',
  '123123123', '12341234', '12345678', '123456789', '1234567890', '123456abc', '12345qwert', '1234qwer',
  '123654789', '123qweasd', '147258369', '159753456', '1q2w3e4r', '1qaz2wsx', '1qazxsw2', '55555555',
  '66666666', '741852963', '77777777', '87654321', '88888888', '987654321', '99999999', 'a1234567',
  'a12345678', 'aa123456', 'abc12345', 'abc123456', 'abcd1234', 'abcdefg1', 'abcdefgh', 'admin123',
  'admin1234', 'administrator', 'angkorwat', 'arsenal1', 'asdf1234', 'asdfghjk', 'baseball', 'baseball1',
  'batman123', 'cambodia', 'cambodia1', 'changeme', 'charlie1', 'chelsea1', 'computer', 'computer1',
  'daniel123', 'default1', 'dragon123', 'facebook', 'football', 'football1', 'freedom1', 'google123',
  'guest123', 'hello123', 'hello1234', 'helloworld', 'iloveu123', 'iloveyou', 'iloveyou1', 'instagram',
  'internet', 'jennifer', 'jessica1', 'jordan23', 'letmein1', 'letmein123', 'liverpool', 'loveyou1',
  'master123', 'michael1', 'michelle', 'monkey123', 'mustang1', 'naruto123', 'p@ssw0rd', 'p@ssword',
  'pass1234', 'passpass', 'passw0rd', 'password', 'password!', 'password1', 'password12', 'password123',
  'passwords', 'phnompenh', 'pokemon1', 'princess', 'q1w2e3r4', 'qazwsxedc', 'qwer1234', 'qwerty123',
  'qwerty12345', 'qwertyui', 'qwertyuiop', 'root1234', 'samsung1', 'secret123', 'shadow123', 'shopping',
  'starwars', 'sunshine', 'superman', 'test1234', 'testtest', 'trustno1', 'user1234', 'welcome1',
  'welcome123', 'whatever', 'zaq12wsx', 'zxcvbnm1',
]);
