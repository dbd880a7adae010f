import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

/** Expectations captured from redis-server 7.0.15 with redis-cli. */
describe('functions', () => {
  it('match redis-server: FUNCTION LOAD/LIST/DELETE/STATS/FLUSH/RESTORE/HELP, FCALL and FCALL_RO', () => {
    expect(
      transcript(new Harness(), [
        ['FUNCTION FLUSH', 'OK'],
        [
          'FUNCTION LOAD "#!lua name=mylib\\nredis.register_function(\'myfunc\', function(keys, args) return args[1] end)"',
          '"mylib"',
        ],
        [
          'FUNCTION LOAD "#!lua name=mylib\\nredis.register_function(\'myfunc\', function(keys, args) return args[1] end)"',
          "(error) ERR Library 'mylib' already exists",
        ],
        [
          'FUNCTION LOAD REPLACE "#!lua name=mylib\\nredis.register_function(\'myfunc\', function(keys, args) return {keys[1], args[1]} end)"',
          '"mylib"',
        ],
        ['FCALL myfunc 1 k a', '1) "k"\n2) "a"'],
        ['FCALL myfunc 0 a', '(empty array)'],
        ['FCALL myfunc x a', '(error) ERR Bad number of keys provided'],
        ['FCALL myfunc 3 a', "(error) ERR Number of keys can't be greater than number of args"],
        ['FCALL myfunc -1 a', "(error) ERR Number of keys can't be negative"],
        ['FCALL nofunc 0', '(error) ERR Function not found'],
        ['FCALL_RO myfunc 0 a', '(error) ERR Can not execute a script with write flag using *_ro command.'],
        [
          "FUNCTION LOAD \"#!lua name=ro\\nredis.register_function{function_name='getk', callback=function(keys) return redis.call('GET', keys[1]) end, flags={'no-writes'}, description='reads a key'}\\nredis.register_function{function_name='setk', callback=function(keys, args) return redis.call('SET', keys[1], args[1]) end}\"",
          '"ro"',
        ],
        ['FCALL setk 1 k v', 'OK'],
        ['FCALL_RO getk 1 k', '"v"'],
        ['FCALL getk 1 k', '"v"'],
        ['FCALL_RO setk 1 k v', '(error) ERR Can not execute a script with write flag using *_ro command.'],
        [
          "FUNCTION LOAD \"#!lua name=ro2\\nredis.register_function{function_name='bad', callback=function(keys) return redis.call('SET', keys[1], 'x') end, flags={'no-writes'}}\"",
          '"ro2"',
        ],
        [
          'FCALL bad 1 k',
          '(error) ERR Write commands are not allowed from read-only scripts. script: bad, on @user_function:2.',
        ],
        [
          'FCALL_RO bad 1 k',
          '(error) ERR Write commands are not allowed from read-only scripts. script: bad, on @user_function:2.',
        ],
        [
          'FUNCTION LIST LIBRARYNAME ro',
          '1) 1) "library_name"\n   2) "ro"\n   3) "engine"\n   4) "LUA"\n   5) "functions"\n   6) 1) 1) "name"\n         2) "getk"\n         3) "description"\n         4) "reads a key"\n         5) "flags"\n         6) 1) no-writes\n      2) 1) "name"\n         2) "setk"\n         3) "description"\n         4) (nil)\n         5) "flags"\n         6) (empty array)',
        ],
        [
          'FUNCTION LIST LIBRARYNAME my* WITHCODE',
          '1) 1) "library_name"\n   2) "mylib"\n   3) "engine"\n   4) "LUA"\n   5) "functions"\n   6) 1) 1) "name"\n         2) "myfunc"\n         3) "description"\n         4) (nil)\n         5) "flags"\n         6) (empty array)\n   7) "library_code"\n   8) "#!lua name=mylib\\nredis.register_function(\'myfunc\', function(keys, args) return {keys[1], args[1]} end)"',
        ],
        ['FUNCTION LIST WITHCODE LIBRARYNAME nomatch', '(empty array)'],
        ['FUNCTION LIST LIBRARYNAME', '(error) ERR library name argument was not given'],
        ['FUNCTION LIST FOO', '(error) ERR Unknown argument FOO'],
        [
          'FUNCTION STATS',
          '1) "running_script"\n2) (nil)\n3) "engines"\n4) 1) "LUA"\n   2) 1) "libraries_count"\n      2) (integer) 3\n      3) "functions_count"\n      4) (integer) 4',
        ],
        ['FUNCTION DELETE ro2', 'OK'],
        ['FUNCTION DELETE ro2', '(error) ERR Library not found'],
        [
          "FUNCTION LOAD \"#!lua name=e1\\nredis.register_function('f1', function() return redis.call('NOSUCH') end)\"",
          '"e1"',
        ],
        [
          'FCALL f1 0',
          '(error) ERR Unknown Redis command called from script script: f1, on @user_function:2.',
        ],
        [
          "FUNCTION LOAD \"#!lua name=e2\\nredis.register_function('f2', function() error('boom') end)\"",
          '"e2"',
        ],
        ['FCALL f2 0', '(error) ERR user_function:2: boom script: f2, on @user_function:2.'],
        [
          "FUNCTION LOAD \"#!lua name=e3\\nredis.register_function('f3', function() return redis.error_reply('MY oops') end)\"",
          '"e3"',
        ],
        ['FCALL f3 0', '(error) MY oops'],
        [
          'FUNCTION LOAD "#!lua name=e4\\nredis.register_function(\'f4\', function() return x.y end)"',
          '"e4"',
        ],
        [
          'FCALL f4 0',
          "(error) ERR user_function:2: Script attempted to access nonexistent global variable 'x' script: f4, on @user_function:2.",
        ],
        ['FUNCTION LOAD "#!lua name=e5\\nredis.register_function(\'f5\', function() foo = 1 end)"', '"e5"'],
        [
          'FCALL f5 0',
          '(error) ERR user_function:2: Attempt to modify a readonly table script: f5, on @user_function:2.',
        ],
        [
          "FUNCTION LOAD \"#!lua name=e6\\nredis.register_function('f6', function() return redis.call('INCR', 'k') end)\"",
          '"e6"',
        ],
        [
          'FCALL f6 0',
          '(error) ERR value is not an integer or out of range script: f6, on @user_function:2.',
        ],
        [
          'FUNCTION LOAD "#!lua name=x\\nredis.call(\'PING\')"',
          "(error) ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'call'",
        ],
        [
          'FUNCTION LOAD "#!lua name=x\\nlocal s = string.len(\'a\')"',
          "(error) ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'string'",
        ],
        ['FUNCTION LOAD "#!lua name=x\\nreturn 1"', '(error) ERR No functions registered'],
        [
          'FUNCTION LOAD "#!lua name=x\\nredis.register_function(\'myfunc\', function() end)"',
          '(error) ERR Function myfunc already exists',
        ],
        [
          "FUNCTION LOAD \"#!lua name=x\\nredis.register_function('a', function() end)\\nredis.register_function('a', function() end)\"",
          '(error) ERR Error registering functions: ERR Function already exists in the library',
        ],
        [
          'FUNCTION LOAD "#!lua name=x\\nredis.register_function(\'a-b\', function() end)"',
          '(error) ERR Error registering functions: ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long',
        ],
        [
          'FUNCTION LOAD "#!lua name=x\\nredis.register_function(\'a\')"',
          '(error) ERR Error registering functions: ERR calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).',
        ],
        [
          'FUNCTION LOAD "#!lua name=x\\nredis.register_function(1, 2)"',
          '(error) ERR Error registering functions: ERR second argument to redis.register_function must be a function',
        ],
        [
          'FUNCTION LOAD "#!lua name=x\\nredis.register_function{function_name=\'a\'}"',
          '(error) ERR Error registering functions: ERR redis.register_function must get a callback argument',
        ],
        [
          'FUNCTION LOAD "#!lua name=x\\nredis.register_function{callback=function() end}"',
          '(error) ERR Error registering functions: ERR redis.register_function must get a function name argument',
        ],
        [
          "FUNCTION LOAD \"#!lua name=x\\nredis.register_function{function_name='a', callback=function() end, flags={'bogus'}}\"",
          '(error) ERR Error registering functions: ERR unknown flag given',
        ],
        [
          'FUNCTION LOAD "#!lua name=x\\nredis.register_function{function_name=\'a\', callback=function() end, foo=1}"',
          '(error) ERR Error registering functions: ERR unknown argument given to redis.register_function',
        ],
        [
          "FUNCTION LOAD \"#!lua name=x\\nredis.register_function{function_name='a', callback=function() end, flags='no-writes'}\"",
          '(error) ERR Error registering functions: ERR flags argument to redis.register_function must be a table representing function flags',
        ],
        [
          'FUNCTION LOAD "#!lua name=x\\nredis.register_function(\'a\', function() end, 3)"',
          '(error) ERR Error registering functions: ERR wrong number of arguments to redis.register_function',
        ],
        [
          'FUNCTION LOAD "#!lua name=x\\nredis.register_function()"',
          '(error) ERR Error registering functions: ERR wrong number of arguments to redis.register_function',
        ],
        [
          'FUNCTION LOAD "#!lua name=x\\nredis.register_function(function() end)"',
          '(error) ERR Error registering functions: ERR calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).',
        ],
        [
          'FUNCTION LOAD "#!lua name=x\\nlocal a = ("',
          "(error) ERR Error compiling function: user_function:2: unexpected symbol near '<eof>'",
        ],
        [
          'FUNCTION LOAD "#!lua name=x\\nerror(\'nope\')"',
          "(error) ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'error'",
        ],
        ['FUNCTION LOAD "#!lua name=x"', '(error) ERR Invalid library metadata'],
        [
          'FUNCTION LOAD "#!lua\\nredis.register_function(\'zz\', function() end)"',
          '(error) ERR Library name was not given',
        ],
        [
          'FUNCTION LOAD "#!lua name=x foo=bar\\nredis.register_function(\'zz\', function() end)"',
          '(error) ERR Invalid metadata value given: foo=bar',
        ],
        [
          'FUNCTION LOAD "#!lua name=x name=y\\nredis.register_function(\'zz\', function() end)"',
          '(error) ERR Invalid metadata value, name argument was given multiple times',
        ],
        [
          'FUNCTION LOAD "#!js name=x\\nredis.register_function(\'zz\', function() end)"',
          "(error) ERR Engine 'js' not found",
        ],
        [
          'FUNCTION LOAD "#!lua name=a-b\\nredis.register_function(\'zz\', function() end)"',
          '(error) ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long',
        ],
        [
          'FUNCTION LOAD "#!lua name=\\nredis.register_function(\'zz\', function() end)"',
          '(error) ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long',
        ],
        [
          'FUNCTION LOAD "redis.register_function(\'zz\', function() end)"',
          '(error) ERR Missing library metadata',
        ],
        [
          'FUNCTION LOAD FOO "#!lua name=x\\nredis.register_function(\'zz\', function() end)"',
          '(error) ERR Unknown option given: FOO',
        ],
        ['FUNCTION LOAD', "(error) ERR wrong number of arguments for 'function|load' command"],
        ['FUNCTION LOAD REPLACE', '(error) ERR Missing library metadata'],
        ['FUNCTION FLUSH FOO', '(error) ERR FUNCTION FLUSH only supports SYNC|ASYNC option'],
        [
          'FUNCTION FLUSH ASYNC x',
          "(error) ERR unknown subcommand or wrong number of arguments for 'FLUSH'. Try FUNCTION HELP.",
        ],
        ['FUNCTION KILL', '(error) NOTBUSY No scripts in execution right now.'],
        ['FUNCTION RESTORE junk', '(error) ERR DUMP payload version or checksum are wrong'],
        [
          'FUNCTION RESTORE junk FOO',
          '(error) ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.',
        ],
        [
          'FUNCTION RESTORE junk FLUSH x',
          "(error) ERR unknown subcommand or wrong number of arguments for 'RESTORE'. Try FUNCTION HELP.",
        ],
        [
          'FUNCTION HELP',
          ' 1) FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\n 2) LOAD [REPLACE] <FUNCTION CODE>\n 3)     Create a new library with the given library name and code.\n 4) DELETE <LIBRARY NAME>\n 5)     Delete the given library.\n 6) LIST [LIBRARYNAME PATTERN] [WITHCODE]\n 7)     Return general information on all the libraries:\n 8)     * Library name\n 9)     * The engine used to run the Library\n10)     * Library description\n11)     * Functions list\n12)     * Library code (if WITHCODE is given)\n13)     It also possible to get only function that matches a pattern using LIBRARYNAME argument.\n14) STATS\n15)     Return information about the current function running:\n16)     * Function name\n17)     * Command used to run the function\n18)     * Duration in MS that the function is running\n19)     If no function is running, return nil\n20)     In addition, returns a list of available engines.\n21) KILL\n22)     Kill the current running function.\n23) FLUSH [ASYNC|SYNC]\n24)     Delete all the libraries.\n25)     When called without the optional mode argument, the behavior is determined by the\n26)     lazyfree-lazy-user-flush configuration directive. Valid modes are:\n27)     * ASYNC: Asynchronously flush the libraries.\n28)     * SYNC: Synchronously flush the libraries.\n29) DUMP\n30)     Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command\n31) RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]\n32)     Restore the libraries represented by the given payload, it is possible to give a restore policy to\n33)     control how to handle existing libraries (default APPEND):\n34)     * FLUSH: delete all existing libraries.\n35)     * APPEND: appends the restored libraries to the existing libraries. On collision, abort.\n36)     * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old\n37)       libraries with the new libraries (notice that even on this option there is a chance of failure\n38)       in case of functions name collision with another library).\n39) HELP\n40)     Prints this help.',
        ],
        ['FCALL myfunc 0 a', '(empty array)'],
      ]),
    ).toEqual([]);
  });
  it('dumps and restores libraries byte for byte as redis-server', () => {
    const payload =
      '"\\xf5\\xc3@V@[\\x1f#!lua name=mylib\\nredis.register_\\x0bfunction(\\"my@\\x0b\\x02\\", @\\x06`\\x12\\x11keys, args) return`\\x0c\\a[1] end)\\n\\x00c\\x99\\x83\\xbd\\x8b8\\xb8C"';
    expect(
      transcript(new Harness(), [
        [
          'FUNCTION LOAD "#!lua name=mylib\\nredis.register_function(\\"myfunc\\", function(keys, args) return args[1] end)"',
          '"mylib"',
        ],
        ['FUNCTION DUMP', payload],
        [`FUNCTION RESTORE ${payload}`, '(error) ERR Library mylib already exists'],
        [`FUNCTION RESTORE ${payload} REPLACE`, 'OK'],
        [
          'FUNCTION LOAD "#!lua name=other\\nredis.register_function(\\"myfunc\\", function() return 1 end)"',
          '(error) ERR Function myfunc already exists',
        ],
        ['FUNCTION DELETE mylib', 'OK'],
        [
          'FUNCTION LOAD "#!lua name=other\\nredis.register_function(\\"myfunc\\", function() return 1 end)"',
          '"other"',
        ],
        [`FUNCTION RESTORE ${payload}`, '(error) ERR Function myfunc already exists'],
        ['FUNCTION FLUSH', 'OK'],
        [`FUNCTION RESTORE ${payload}`, 'OK'],
        ['FCALL myfunc 0 hi', '"hi"'],
      ]),
    ).toEqual([]);
  });

  it('lists every library (in hash order on redis-server, so compared as a set)', () => {
    const h = new Harness();
    for (const name of ['a', 'b', 'c']) {
      h.run(`FUNCTION LOAD "#!lua name=${name}\\nredis.register_function('f_${name}', function() end)"`);
    }
    const names = [...h.run('FUNCTION LIST').matchAll(/"library_name"\n\s+2\) "(\w+)"/g)].map((m) => m[1]);
    expect(names.sort()).toEqual(['a', 'b', 'c']);
  });
  it('registers functions and runs them with the library API redis-server gives', () => {
    expect(
      transcript(new Harness(), [
        ['FUNCTION FLUSH', 'OK'],
        [
          "FUNCTION LOAD \"#!lua name=fl\\nredis.register_function{function_name='a', callback=function() return 1 end, flags={'allow-oom','allow-stale','no-cluster','allow-cross-slot-keys','no-writes'}}\"",
          '"fl"',
        ],
        [
          "FUNCTION LOAD \"#!lua name=fl2x1\\nredis.register_function{function_name='b', callback=function() return 1 end, flags={'bogus'}}\"",
          '(error) ERR Error registering functions: ERR unknown flag given',
        ],
        [
          "FUNCTION LOAD \"#!lua name=fl2x2\\nredis.register_function{function_name='b', callback=function() return 1 end, flags='no-writes'}\"",
          '(error) ERR Error registering functions: ERR flags argument to redis.register_function must be a table representing function flags',
        ],
        [
          'FUNCTION LOAD "#!lua name=fl2x3\\nredis.register_function{function_name=\'b\', callback=function() return 1 end, foo=1}"',
          '(error) ERR Error registering functions: ERR unknown argument given to redis.register_function',
        ],
        [
          'FUNCTION LOAD "#!lua name=fl2x4\\nredis.register_function{function_name=\'b\'}"',
          '(error) ERR Error registering functions: ERR redis.register_function must get a callback argument',
        ],
        [
          'FUNCTION LOAD "#!lua name=fl2x5\\nredis.register_function{callback=function() end}"',
          '(error) ERR Error registering functions: ERR redis.register_function must get a function name argument',
        ],
        [
          'FUNCTION LOAD "#!lua name=fl2x6\\nredis.register_function(\'b\')"',
          '(error) ERR Error registering functions: ERR calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).',
        ],
        [
          'FUNCTION LOAD "#!lua name=fl2x7\\nredis.register_function(\'b\', 1)"',
          '(error) ERR Error registering functions: ERR second argument to redis.register_function must be a function',
        ],
        ['FUNCTION LOAD "#!lua name=fl2\\nredis.register_function(1, function() end)"', '"fl2"'],
        [
          'FUNCTION LOAD "#!lua name=fl2x8\\nredis.register_function(\'b-c\', function() end)"',
          '(error) ERR Error registering functions: ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long',
        ],
        [
          'FUNCTION LOAD "#!lua name=fl2x9\\nredis.register_function(\'b\', function() end, 3)"',
          '(error) ERR Error registering functions: ERR wrong number of arguments to redis.register_function',
        ],
        [
          "FUNCTION LOAD \"#!lua name=fl2x10\\nredis.register_function('b', function() end)\\nredis.register_function('b', function() end)\"",
          '(error) ERR Error registering functions: ERR Function already exists in the library',
        ],
        ['FUNCTION LOAD "#!lua name=fl2x11\\nlocal x = 1"', '(error) ERR No functions registered'],
        [
          "FUNCTION LOAD \"#!lua name=fl2x12\\nredis.call('SET', 'a', 'b')\"",
          "(error) ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'call'",
        ],
        [
          "FUNCTION LOAD \"#!lua name=fl2x13\\nredis.log(redis.LOG_WARNING, 'hi') redis.register_function('b', function() return redis.REDIS_VERSION end)\"",
          '"fl2x13"',
        ],
        ['FCALL b 0', '"7.0.15"'],
        [
          'FUNCTION LOAD "#!lua name=fl3\\nredis.setresp(3)"',
          "(error) ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'setresp'",
        ],
        [
          'FUNCTION LOAD "#!lua name=fl3\\nlocal t = redis.sha1hex(\'x\')"',
          "(error) ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'sha1hex'",
        ],
        [
          'FUNCTION LOAD "#!lua name=fl3\\nredis.register_function(\'c\', function() return redis.setresp(3) end)"',
          '"fl3"',
        ],
        [
          "FUNCTION LOAD \"#!lua name=fl5\\nredis.register_function('e', function(k, a) return redis.call('FCALL', 'a', 0) end)\"",
          '"fl5"',
        ],
        [
          'FCALL e 0',
          '(error) ERR This Redis command is not allowed from script script: e, on @user_function:2.',
        ],
        [
          "FUNCTION LOAD \"#!lua name=fl6\\nredis.register_function('f', function(k, a) return redis.call('EVAL', 'return 1', 0) end)\"",
          '"fl6"',
        ],
        [
          'FCALL f 0',
          '(error) ERR This Redis command is not allowed from script script: f, on @user_function:2.',
        ],
        [
          "EVAL \"return redis.call('FCALL', 'a', 0)\" 0",
          '(error) ERR This Redis command is not allowed from script script: b0e631c1a5c4419bb3341ccca0671c834f3e823d, on @user_script:1.',
        ],
        [
          "EVAL \"return redis.call('FUNCTION', 'LIST')\" 0",
          '(error) ERR This Redis command is not allowed from script script: 716b79376633ef2b497d914a260f58c36a4b915e, on @user_script:1.',
        ],
        [
          'FUNCTION LOAD "#!lua name=fl7\\nredis.register_function(\'g\', function(k, a) return {KEYS, ARGV} end)"',
          '"fl7"',
        ],
        [
          'FCALL g 0',
          "(error) ERR user_function:2: Script attempted to access nonexistent global variable 'KEYS' script: g, on @user_function:2.",
        ],
        [
          'FUNCTION LOAD "#!lua name=fl7b\\nredis.register_function(\'g2\', function(k, a) return type(redis.pcall) .. type(redis.error_reply) .. type(redis.status_reply) .. type(redis.breakpoint) .. type(redis.debug) .. type(redis.replicate_commands) .. type(redis.set_repl) .. type(redis.sha1hex) .. type(math.random) .. type(redis.acl_check_cmd) end)"',
          '"fl7b"',
        ],
        [
          'FCALL g 0',
          "(error) ERR user_function:2: Script attempted to access nonexistent global variable 'KEYS' script: g, on @user_function:2.",
        ],
        ['FUNCTION LOAD "#!lua name=fl8\\nreturn 5"', '(error) ERR No functions registered'],
        [
          'FUNCTION LOAD "#!lua name=fl8\\nfunction glob() end"',
          '(error) ERR Error registering functions: ERR user_function:2: Attempt to modify a readonly table',
        ],
        ['FUNCTION LOAD "#!lua name=fl8\\nredis.register_function(\'h\', function() glob = 1 end)"', '"fl8"'],
        [
          'FCALL h 0',
          '(error) ERR user_function:2: Attempt to modify a readonly table script: h, on @user_function:2.',
        ],
        [
          'FUNCTION LOAD "#!lua name=fl9\\nredis.register_function(\'i\', function() return math.random() end)"',
          '"fl9"',
        ],
        ['FCALL i 0', '(integer) 0'],
        [
          "FUNCTION LOAD \"#!lua name=fl10\\nredis.register_function('j', function() return redis.call('TIME')[1] ~= nil end)\"",
          '"fl10"',
        ],
        ['FCALL j 0', '(integer) 1'],
        [
          'FUNCTION STATS',
          '1) "running_script"\n2) (nil)\n3) "engines"\n4) 1) "LUA"\n   2) 1) "libraries_count"\n      2) (integer) 11\n      3) "functions_count"\n      4) (integer) 11',
        ],
        ['FCALL g2 0', '"functionfunctionfunctionnilnilnilfunctionfunctionfunctionfunction"'],
        ['EVAL "return type(redis.nosuch)" 0', '"nil"'],
        [
          'FUNCTION LOAD "#!lua name=zz\\nredis.register_function(\'zz\', function() return type(redis.nosuch) end)"',
          '"zz"',
        ],
        ['FCALL zz 0', '"nil"'],
        [
          'FUNCTION LOAD "#!lua name=zz1\\nredis.register_function(\'zz1\', function() redis.x = 1 end)"',
          '"zz1"',
        ],
        [
          'FCALL zz1 0',
          '(error) ERR user_function:2: Attempt to modify a readonly table script: zz1, on @user_function:2.',
        ],
        [
          'FUNCTION LOAD "#!lua name=zz2\\nredis.x = 1 redis.register_function(\'zz2\', function() return 1 end)"',
          '(error) ERR Error registering functions: ERR user_function:2: Attempt to modify a readonly table',
        ],
        [
          'FUNCTION LOAD "#!lua name=zz3\\nlocal a = redis.x redis.register_function(\'zz3\', function() return 1 end)"',
          "(error) ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'x'",
        ],
        [
          "FUNCTION LOAD \"#!lua name=zz4\\nredis.register_function('zz4', function() return redis.acl_check_cmd('get') end)\"",
          '"zz4"',
        ],
        ['FCALL zz4 0', '(integer) 1'],
        [
          "EVAL \"return {redis.acl_check_cmd('get','a'), redis.acl_check_cmd('set'), redis.acl_check_cmd('config','get'), redis.acl_check_cmd('config'), redis.acl_check_cmd('GET', 1, 2, 3)}\" 0",
          '1) (integer) 1\n2) (integer) 1\n3) (integer) 1\n4) (integer) 1\n5) (integer) 1',
        ],
        [
          "EVAL \"return redis.acl_check_cmd('config', 'nosuch')\" 0",
          '(error) ERR Invalid command passed to redis.acl_check_cmd() script: 59c2d7413e28c1da10f491d07245ad068842c81e, on @user_script:1.',
        ],
        [
          'EVAL "return redis.acl_check_cmd(\'nosuch\')" 0',
          '(error) ERR Invalid command passed to redis.acl_check_cmd() script: d2491587bab5149c93be0dce4426f7a06ba9e1a1, on @user_script:1.',
        ],
        [
          'EVAL "return redis.acl_check_cmd()" 0',
          '(error) ERR Please specify at least one argument for this redis lib call script: 1124f33ad66e7866b4e0c1499a4c20fb5eb9c180, on @user_script:1.',
        ],
        [
          'EVAL "return redis.acl_check_cmd({})" 0',
          '(error) ERR Lua redis lib command arguments must be strings or integers script: 8b3d233cc233d15538b743edd3bc4603509e4325, on @user_script:1.',
        ],
        [
          'EVAL "return redis.acl_check_cmd(1)" 0',
          '(error) ERR Invalid command passed to redis.acl_check_cmd() script: 7478e51fb09e70f85a2a49ffcd89f05784bd72fe, on @user_script:1.',
        ],
        [
          'EVAL "return redis.pcall(\'get\', {})" 0',
          '(error) ERR Lua redis lib command arguments must be strings or integers',
        ],
        [
          'EVAL "return {pcall(redis.acl_check_cmd, \'x\')}" 0',
          '1) (nil)\n2) "ERR Invalid command passed to redis.acl_check_cmd()"',
        ],
      ]),
    ).toEqual([]);
  });
});
