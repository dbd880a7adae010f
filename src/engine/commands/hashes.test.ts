import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

/** Expectations captured from redis-server 7.0.15 with redis-cli. */
describe('hash commands', () => {
  it('match redis-server replies and errors', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['HSET h f1 v1 f2 v2', '(integer) 2'],
        ['HSET h f1 x f3 v3', '(integer) 1'],
        ['HSET h f1', "(error) ERR wrong number of arguments for 'hset' command"],
        ['HSET h', "(error) ERR wrong number of arguments for 'hset' command"],
        ['HMSET h a 1 b', "(error) ERR wrong number of arguments for 'hmset' command"],
        ['HMSET h a 1 b 2', 'OK'],
        [
          'HGETALL h',
          ' 1) "f1"\n 2) "x"\n 3) "f2"\n 4) "v2"\n 5) "f3"\n 6) "v3"\n 7) "a"\n 8) "1"\n 9) "b"\n10) "2"',
        ],
        ['HKEYS h', '1) "f1"\n2) "f2"\n3) "f3"\n4) "a"\n5) "b"'],
        ['HVALS h', '1) "x"\n2) "v2"\n3) "v3"\n4) "1"\n5) "2"'],
        ['HLEN h', '(integer) 5'],
        ['HGET h f1', '"x"'],
        ['HGET h nope', '(nil)'],
        ['HGET nokey f', '(nil)'],
        ['HMGET h f1 nope a', '1) "x"\n2) (nil)\n3) "1"'],
        ['HMGET nokey a b', '1) (nil)\n2) (nil)'],
        ['HEXISTS h f1', '(integer) 1'],
        ['HEXISTS h zz', '(integer) 0'],
        ['HEXISTS nokey f', '(integer) 0'],
        ['HSTRLEN h f1', '(integer) 1'],
        ['HSTRLEN h zz', '(integer) 0'],
        ['HSTRLEN nokey zz', '(integer) 0'],
        ['HSETNX h f1 y', '(integer) 0'],
        ['HSETNX h f9 y', '(integer) 1'],
        ['HSETNX nh f y', '(integer) 1'],
        ['HGET h f9', '"y"'],
        ['OBJECT ENCODING h', '"listpack"'],
        ['SET s str', 'OK'],
        ['HSET s a b', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['HGET s a', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['HMGET s a', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['HGETALL s', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['HLEN s', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['HDEL s a', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['HSETNX s a b', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['HINCRBY s a 1', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['HINCRBYFLOAT s a 1', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['HSCAN s 0', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['HRANDFIELD s', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['HSTRLEN s a', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['HEXISTS s a', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['HKEYS s', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['HVALS s', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['HDEL h f1 f1 nope', '(integer) 1'],
        ['HDEL h nope', '(integer) 0'],
        ['HDEL nokey a', '(integer) 0'],
        ['HINCRBY h n 5', '(integer) 5'],
        ['HINCRBY h n -7', '(integer) -2'],
        ['HINCRBY h n x', '(error) ERR value is not an integer or out of range'],
        ['HINCRBY h f2 1', '(error) ERR hash value is not an integer'],
        ['HINCRBY h n 9223372036854775807', '(integer) 9223372036854775805'],
        ['HSET h big 9223372036854775807', '(integer) 1'],
        ['HINCRBY h big 1', '(error) ERR increment or decrement would overflow'],
        ['HINCRBY h big -1', '(integer) 9223372036854775806'],
        ['HSET h small -9223372036854775808', '(integer) 1'],
        ['HINCRBY h small -1', '(error) ERR increment or decrement would overflow'],
        ['HINCRBY h sp " 1"', '(error) ERR value is not an integer or out of range'],
        ['HSET h sp " 1"', '(integer) 1'],
        ['HINCRBY h sp 1', '(error) ERR hash value is not an integer'],
        ['HINCRBYFLOAT h fl 0.1', '"0.1"'],
        ['HINCRBYFLOAT h fl 0.2', '"0.3"'],
        ['HINCRBYFLOAT h fl 1e3', '"1000.29999999999999999"'],
        ['HINCRBYFLOAT h fl inf', '(error) ERR value is NaN or Infinity'],
        ['HINCRBYFLOAT h fl nan', '(error) ERR value is not a valid float'],
        ['HINCRBYFLOAT h fl abc', '(error) ERR value is not a valid float'],
        ['HINCRBYFLOAT h fl ""', '(error) ERR value is not a valid float'],
        ['HINCRBYFLOAT h f2 1', '(error) ERR hash value is not a float'],
        ['HINCRBYFLOAT h n 1.5', '"9223372036854775806.5"'],
        ['HINCRBYFLOAT h n 0x10', '"9223372036854775822"'],
        ['HSET h huge 1.7976931348623157e308', '(integer) 1'],
        [
          'HINCRBYFLOAT h huge 1.7976931348623157e308',
          '"359538626972463139991842093548208868096772893888658356970628841530353257046248792709403737216774171128857586838851041378617416726902272110715794556052955234146997955372576789671236326588091188869859074894581254961338834769297758245552436667197907705664206565009503223382416235440319971852753604933726679072768"',
        ],
        [
          'HINCRBYFLOAT h huge 1e4932',
          '"1000000000000000000006018949387963891323837774254533114773785041352533019486608722407533327779433142773666525563666277682061860906440460336623416164931097542108653623739947237824273607755646282077337746770628281083461244709457643633409272844851420914666765408339856497738306756454137037618440476182982865954054046320908299555942321302503320602080070208203623921079151881460203745014774931620490030394998719312614654064081373493248877120892455186383753439197870978041502797716880193955403107721911638646256939484197293128160329482360996995779489224859264034146949087194820794222433687849284561987230134006305414553626323614864479565079390052761980633463640128979696615362545507608303960553830866145592644372289102918602696741767741297153998359263135897985849697638678310586803720024647593066044070323761747439375151949994191528876172274034561238465689530914002496208547488452249219821049217690359246594326188537200846025476936856707726986425804304053688317572380292690880454677852210458790733177421098965346383845533016192965653377533421097553773202105452559589360227732550843545717469715211293029277100649951579279463212875228768700827274629951331584994203243708412190948315614798641721054158397351395747758548328754270534225721361640356227816080094892433366902417454242382629232277544026609640255325557814321580325340352330660617642326696140257239552549121071985189443846777623334881929189773707008403466595204838733621633273383631944856989484138444978386656058755310848833689791896484998847550364264104800800578245511762594691161545730891319744107953897993101008217601269310629890308357893793344340072837782716410520818640099771094401772024731084835860689936533035726854175396195351768096519310944631445923638053214575993378468775292865871435742249777979822775014324475845899615096380079899099538453121043851821349178371736640702645304284254885437611441690360616466368202194307769462209963387690446576691969551571041941288302648912827345194286271122230347823246073498285153708579500062656222714954113329293953346495615947784091175883554988117167387650681525781361864450364992605079129770604793291076559668041153558254765774288831330658676910296506538343982699076824147706077401185501337053676875440863113630172067902223837838525802181406003942606507609826320015193807633035586661539150425605940691768637845815434184585255915074081317250319572700370579877977177644345205933505850374212779064837146242765034714569464306865784829936445754893825213995710137567750342556762329137973387913047300554841737506800154984198686923965286147079273203561004647365286049876790788288301130050437207489067798842078443360167772245834103629301041345252122743437501935254370757049878526838283810705343010153283985958550741661374001212323172562230037290597675029278865489570268803618001520280748588481858632332145422181524500970533738858652881625738158955840469334830106366243262210429210258173978186522208306814207038831590332622155464159216193005478809313772661406449321989529908990407599717265354887081027622412165764793106246309910984757869627982700885055259900973567128498437782671492610351088858271463387495833021819318548705558606395846070390500323204636339383655528123657438115225035433947543876805317781492691295772410403746456774175666884503175504415270824258750305653788473882671038340481278188648013647450190431469737277008003041204693859153544058059108384516541261521127088116402349679151317227395183628490922161336429757386698401928682323657056924758648793848799822907606679071280964393541325129231682456669123450140879120137931548652537601508656209183486928384515842973760163601756230697826779237275078471824258664382133759876151537532598429521999758431018087001817485300919479583171049967781322202936864648780744025361452947117776701129210049872555316467204668470989130203733391349501708713181244068921199587314823974568234174792429139799088587794666528769986602820375968045445209219875596678877912103336949894142378173648692130854177898020194629670311101994938157038765957014792056173739623614871557317714453597336202068774935086409386414223375141765601758268418764114651053088281009248246110195084364468926837572992870110411414878770616397817334529367403238061699632089293543118185299881280463481800696201966723511922556078483839325067415562633057448408746541808590342228476964416681055875561781810005936328191844815915658719683522845979901018335050006246392027657149580332319739660376707180429166280658258434773362764563277134220525779869893832824866422909928484939374964071386248088592408142723646533801882861736205992781965360090000802821408763787641023437653119263757280212773694655213507075717622521160227187157631635583682130089364682543007292042009976150135189415923413244100006421082817394988300265734422677548100741829682842668334472314928702968616204691717366798642916146473018363370523427203416579250811577900985980957404830019403600361860520985937973506956557739754741783354728589350876379371163141086538418113791886622720"',
        ],
        ['HINCRBYFLOAT h huge -1e4932', '"0"'],
        ['HGET h fl', '"1000.29999999999999999"'],
        ['HINCRBYFLOAT nk f 3.0e3', '"3000"'],
        ['HGET nk f', '"3000"'],
        ['HMSET hs f1 a f2 b g c fx "a\\x00b"', 'OK'],
        [
          'HSCAN hs 0',
          '1) "0"\n2) 1) "f1"\n   2) "a"\n   3) "f2"\n   4) "b"\n   5) "g"\n   6) "c"\n   7) "fx"\n   8) "a\\x00b"',
        ],
        [
          'HSCAN hs 0 MATCH f*',
          '1) "0"\n2) 1) "f1"\n   2) "a"\n   3) "f2"\n   4) "b"\n   5) "fx"\n   6) "a\\x00b"',
        ],
        [
          'HSCAN hs 0 MATCH f* COUNT 1',
          '1) "0"\n2) 1) "f1"\n   2) "a"\n   3) "f2"\n   4) "b"\n   5) "fx"\n   6) "a\\x00b"',
        ],
        [
          'HSCAN hs 17 COUNT 1',
          '1) "0"\n2) 1) "f1"\n   2) "a"\n   3) "f2"\n   4) "b"\n   5) "g"\n   6) "c"\n   7) "fx"\n   8) "a\\x00b"',
        ],
        ['HSCAN hs x', '(error) ERR invalid cursor'],
        [
          'HSCAN hs -1',
          '1) "0"\n2) 1) "f1"\n   2) "a"\n   3) "f2"\n   4) "b"\n   5) "g"\n   6) "c"\n   7) "fx"\n   8) "a\\x00b"',
        ],
        ['HSCAN hs 0 COUNT 0', '(error) ERR syntax error'],
        ['HSCAN hs 0 COUNT x', '(error) ERR value is not an integer or out of range'],
        ['HSCAN hs 0 COUNT', '(error) ERR syntax error'],
        ['HSCAN hs 0 TYPE string', '(error) ERR syntax error'],
        ['HSCAN hs 0 foo bar', '(error) ERR syntax error'],
        ['HSCAN nokey 0 foo bar', '1) "0"\n2) (empty array)'],
        ['HSCAN nokey x', '(error) ERR invalid cursor'],
        ['HRANDFIELD nokey', '(nil)'],
        ['HRANDFIELD nokey 5', '(empty array)'],
        ['HRANDFIELD nokey 5 WITHVALUES', '(empty array)'],
        ['HRANDFIELD nokey 5 foo', '(error) ERR syntax error'],
        ['HRANDFIELD h x', '(error) ERR value is not an integer or out of range'],
        ['HRANDFIELD h 1 foo', '(error) ERR syntax error'],
        ['HRANDFIELD h 1 WITHVALUES extra', '(error) ERR syntax error'],
        [
          'HRANDFIELD h -9223372036854775808',
          '(error) ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
        ],
        ['HRANDFIELD h 9223372036854775807 WITHVALUES', '(error) ERR value is out of range'],
        ['HRANDFIELD h -4611686018427387904 WITHVALUES', '(error) ERR value is out of range'],
        [
          'HRANDFIELD hs 4611686018427387903 WITHVALUES',
          '1) "f1"\n2) "a"\n3) "f2"\n4) "b"\n5) "g"\n6) "c"\n7) "fx"\n8) "a\\x00b"',
        ],
        ['HRANDFIELD h 0', '(empty array)'],
        ['HRANDFIELD h 0 withvalues', '(empty array)'],
        ['HSET one f v', '(integer) 1'],
        ['HRANDFIELD one', '"f"'],
        ['HRANDFIELD one 1', '1) "f"'],
        ['HRANDFIELD one -3', '1) "f"\n2) "f"\n3) "f"'],
        ['HRANDFIELD one -2 WITHVALUES', '1) "f"\n2) "v"\n3) "f"\n4) "v"'],
        ['HRANDFIELD one 10 WITHVALUES', '1) "f"\n2) "v"'],
        [
          'HSET enc f xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
          '(integer) 1',
        ],
        ['OBJECT ENCODING enc', '"hashtable"'],
        ['HSET enc f short', '(integer) 0'],
        ['OBJECT ENCODING enc', '"hashtable"'],
        [
          'HSET enc2 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx 1',
          '(integer) 1',
        ],
        ['OBJECT ENCODING enc2', '"hashtable"'],
        ['HSET enc3 f v', '(integer) 1'],
        [
          'HINCRBYFLOAT enc3 g 0.1234567890123456789012345678901234567890123456789012345678901234567',
          '"0.12345678901234568"',
        ],
        ['OBJECT ENCODING enc3', '"listpack"'],
        ['HSET enc4 f v', '(integer) 1'],
        [
          'HSETNX enc4 f xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
          '(integer) 0',
        ],
        ['OBJECT ENCODING enc4', '"listpack"'],
        ['OBJECT ENCODING h', '"hashtable"'],
        ['OBJECT ENCODING hs', '"listpack"'],
        ['COPY h hcopy', '(integer) 1'],
        ['OBJECT ENCODING hcopy', '"hashtable"'],
        ['HDEL h huge fl n big small sp', '(integer) 6'],
        ['OBJECT ENCODING h', '"hashtable"'],
        ['HDEL one f', '(integer) 1'],
        ['EXISTS one', '(integer) 0'],
        ['TYPE h', 'hash'],
      ]),
    ).toEqual([]);
  });

  it('fire events, keep the TTL on edits and delete emptied hashes', () => {
    const h = new Harness();
    h.run('HSET h a 1 b 2');
    h.run('EXPIRE h 100');
    h.run('HSETNX h a 9');
    h.run('HSETNX h c 3');
    h.run('HINCRBY h a 1');
    h.run('HINCRBYFLOAT h a 0.5');
    h.run('HDEL h zz');
    expect(h.run('TTL h')).toBe('(integer) 100');
    h.run('HDEL h a b c');
    expect(h.run('EXISTS h')).toBe('(integer) 0');
    expect(h.takeEvents()).toEqual([
      'new h',
      'hset h',
      'expire h',
      'hset h',
      'hincrby h',
      'hincrbyfloat h',
      'hdel h',
      'del h',
      'keymiss h',
    ]);
  });

  it('picks random fields with and without repetition', () => {
    const h = new Harness();
    h.run('HSET h a 1 b 2 c 3');
    expect(h.run('HRANDFIELD h -5').split('\n')).toHaveLength(5);
    const distinct = h.run('HRANDFIELD h 2').split('\n');
    expect(distinct).toHaveLength(2);
    expect(distinct[0]?.slice(3)).not.toBe(distinct[1]?.slice(3));
    expect(h.run('HRANDFIELD h 5 WITHVALUES').split('\n')).toHaveLength(6);
    expect(h.run('HRANDFIELD h')).toMatch(/^"[abc]"$/);
  });
});
